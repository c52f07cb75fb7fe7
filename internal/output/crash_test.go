//go:build unix

package output

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// The crash tests run this test binary again as a child process that builds
// a new version of a destination and kills itself with SIGKILL at a chosen
// point; then they check what the next Open makes of the remains.
const (
	crashPointEnv    = "ALUMNI_OUTPUT_CRASH_POINT"
	crashDestEnv     = "ALUMNI_OUTPUT_CRASH_DEST"
	crashFallbackEnv = "ALUMNI_OUTPUT_CRASH_FALLBACK"
)

var (
	oldSite = map[string]string{"index.html": "old", "stale.html": "stale", "people/anna/index.html": "old anna"}
	newSite = func() map[string]string {
		files := map[string]string{"index.html": "new", "people/anna/index.html": "new anna"}
		for i := range 40 {
			files[fmt.Sprintf("people/p%02d/index.html", i)] = fmt.Sprintf("person %d", i)
		}
		return files
	}()
)

// TestCrashChild is the child process; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	point := os.Getenv(crashPointEnv)
	if point == "" {
		t.Skip("helper process for TestCrash")
	}
	die := func() {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(time.Minute)
	}
	st, err := Open(os.Getenv(crashDestEnv))
	if err != nil {
		t.Fatal(err)
	}
	st.noExchange = os.Getenv(crashFallbackEnv) != ""
	st.testHook = func(p string) {
		if p == point {
			die()
		}
	}
	for i, rel := range slices.Sorted(maps.Keys(newSite)) {
		if point == "writing" && i == len(newSite)/2 {
			die()
		}
		if err := st.WriteFile(rel, []byte(newSite[rel])); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("crash point %q never reached", point)
}

func TestCrash(t *testing.T) {
	tests := []struct {
		point    string
		fallback bool
		first    bool // no earlier version of the destination
		want     map[string]string
	}{
		{point: "writing", want: oldSite},
		{point: "marker", want: oldSite},
		{point: "aside", fallback: true, want: oldSite},
		{point: "swapped", want: newSite},
		{point: "swapped", fallback: true, want: newSite},
		{point: "writing", first: true, want: nil},
		{point: "marker", first: true, want: nil},
		{point: "swapped", first: true, want: newSite},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/fallback=%v/first=%v", tt.point, tt.fallback, tt.first), func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			if !tt.first {
				publish(t, dest, oldSite, nil)
			}
			want := map[string]string(nil)
			if tt.want != nil {
				want = siteSnapshot(tt.want)
			}

			runCrashChild(t, dest, tt.point, tt.fallback)

			// Right after the crash the destination is the old or the new
			// version, except in the one window of the fallback swap.
			switch got := snapshot(t, dest); {
			case tt.point == "aside":
				if got != nil {
					t.Fatalf("the child died between the renames but %s exists: %v", dest, got)
				}
			case !maps.Equal(got, want):
				t.Errorf("after the crash %s holds\n%v\nwant\n%v", dest, got, want)
			}
			// Every crash but the one after the first version was renamed in
			// leaves something beside the destination.
			leftovers := slices.DeleteFunc(entries(t, root), func(name string) bool { return name == "public" })
			if wantLeftovers := !(tt.first && tt.point == "swapped"); (len(leftovers) > 0) != wantLeftovers {
				t.Fatalf("the crash left %v beside the destination", leftovers)
			}

			st, err := Open(dest)
			if err != nil {
				t.Fatal(err)
			}
			assertSnapshot(t, dest, want)
			wantEntries := []string{filepath.Base(st.dir)}
			if want != nil {
				wantEntries = append(wantEntries, "public")
			}
			slices.Sort(wantEntries)
			if got := entries(t, root); !slices.Equal(got, wantEntries) {
				t.Errorf("after Open the parent holds %v, want %v", got, wantEntries)
			}

			// The repaired destination takes the next version as usual.
			must(t, st.WriteFile("index.html", []byte("next")))
			must(t, st.Commit())
			assertSnapshot(t, dest, siteSnapshot(map[string]string{"index.html": "next"}))
			if got := entries(t, root); !slices.Equal(got, []string{"public"}) {
				t.Errorf("after Commit the parent holds %v, want only public", got)
			}
		})
	}
}

// runCrashChild runs TestCrashChild in a new process and checks that it died
// of SIGKILL, which shows that it reached the crash point.
func runCrashChild(t *testing.T, dest, point string, fallback bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashPointEnv+"="+point, crashDestEnv+"="+dest)
	if fallback {
		cmd.Env = append(cmd.Env, crashFallbackEnv+"=1")
	}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child: %v, want death by SIGKILL\n%s", err, out)
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child: %v, want death by SIGKILL\n%s", err, out)
	}
}
