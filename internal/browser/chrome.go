package browser

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a running headless Chromium whose network ends at this
// machine.
type Browser struct {
	ctx     context.Context
	cancel  context.CancelFunc
	dataDir string
	proxy   *proxy
	output  *lockedBuffer
}

// Launch starts Chromium (the executable at path) with an empty profile in
// a new temporary folder. Requests to hosts other than loopback addresses
// are refused by a proxy of the harness and recorded (see Blocked). Close
// stops the browser and removes the profile.
func Launch(ctx context.Context, path string) (*Browser, error) {
	dataDir, err := os.MkdirTemp("", "alumni-chromium-")
	if err != nil {
		return nil, err
	}
	px, err := startProxy()
	if err != nil {
		os.RemoveAll(dataDir)
		return nil, err
	}
	out := &lockedBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(dataDir),
		// Loopback addresses bypass the proxy; everything else goes to
		// it and is refused. Names other than localhost do not resolve,
		// for anything that would not use the proxy.
		chromedp.ProxyServer("http://"+px.addr),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, dataDir: dataDir, proxy: px, output: out}
	b.cancel = func() { bcancel(); acancel() }
	// Start the browser now, so that a failure is reported here.
	if err := chromedp.Do(bctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w\n%s", path, err, out.String())
	}
	return b, nil
}

// NewTab opens a new tab. Cancel its context to close it.
func (b *Browser) NewTab() (context.Context, context.CancelFunc) {
	return chromedp.NewContext(b.ctx)
}

// Blocked returns the hosts (host:port) of the requests that the browser
// tried to send beyond loopback, in order, since the browser started.
func (b *Browser) Blocked() []string { return b.proxy.hosts() }

// Close stops the browser and removes its profile.
func (b *Browser) Close() error {
	b.cancel()
	b.proxy.close()
	// Chromium may still be writing its profile for a moment.
	var err error
	for range 20 {
		if err = os.RemoveAll(b.dataDir); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// proxy refuses every request it receives and records its host.
type proxy struct {
	addr string
	srv  *http.Server
	mu   sync.Mutex
	seen []string
}

func startProxy() (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{addr: ln.Addr().String()}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.seen = append(p.seen, r.Host)
	p.mu.Unlock()
	w.Header().Set("Connection", "close")
	http.Error(w, "blocked by the alumni browser test harness: no request may leave 127.0.0.1", http.StatusForbidden)
}

func (p *proxy) hosts() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.seen)
}

func (p *proxy) close() { p.srv.Close() }

// lockedBuffer collects the browser's output for error messages.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	// Keep the last 64 KB: the start-up messages matter, not a long log.
	if b.buf.Len() > 64<<10 {
		b.buf.Reset()
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var _ io.Writer = (*lockedBuffer)(nil)

// Tab starts Chromium for a test and returns a new tab's context, which
// ends after timeout. A missing Chromium skips the test, or fails it in CI
// (see Need); everything is stopped when the test ends.
func Tab(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	path, err := FindChromium()
	Need(t, err)
	b, err := Launch(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := b.NewTab()
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		b.Close()
	})
	return ctx
}
