package theme

import (
	"slices"
	"sync"
	"testing"
	"testing/fstest"
)

// item is the data the test layouts render.
type item struct {
	Title string
	Group string
	Tags  []string
}

// loadTest loads a theme made of a base.html that renders the partial the
// way call says, and that partial.
func loadTest(t *testing.T, call string) *Theme {
	t.Helper()
	fsys := fstest.MapFS{
		"layouts/base.html":         {Data: []byte(`[` + call + `]`)},
		"layouts/page.html":         {Data: []byte(`{{ define "main" }}{{ end }}`)},
		"layouts/partials/x.html":   {Data: []byte(`<b>{{ .Title }}</b>`)},
		"layouts/partials/bad.html": {Data: []byte(`{{ .Missing }}`)},
	}
	th, ds := Load(Options{Theme: Layer{FS: fsys, Name: "themes/test"}, Languages: []string{"pl", "en"}, BasePath: "/"})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return th
}

func render(t *testing.T, r *Renderer, lang string, data any) string {
	t.Helper()
	out, err := r.Render(lang, "page", data)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPartialCachedKeys(t *testing.T) {
	a := item{Title: "Ala", Group: "g1"}
	b := item{Title: "Bartek", Group: "g1"}
	c := item{Title: "Celina", Group: "g2"}
	for _, tc := range []struct {
		call string
		want []string // for a, b, c in Polish, then b in English
	}{
		// Without variants the first page's fragment serves every page of
		// the language; English has fragments of its own.
		{`{{ partialCached "partials/x.html" . }}`, []string{"[<b>Ala</b>]", "[<b>Ala</b>]", "[<b>Ala</b>]", "[<b>Bartek</b>]"}},
		// The variant is the key; the context is not.
		{`{{ partialCached "partials/x.html" . .Group }}`, []string{"[<b>Ala</b>]", "[<b>Ala</b>]", "[<b>Celina</b>]", "[<b>Bartek</b>]"}},
		{`{{ partialCached "partials/x.html" . .Title }}`, []string{"[<b>Ala</b>]", "[<b>Bartek</b>]", "[<b>Celina</b>]", "[<b>Bartek</b>]"}},
		{`{{ partialCached "partials/x.html" . .Group 1 true "x" }}`, []string{"[<b>Ala</b>]", "[<b>Ala</b>]", "[<b>Celina</b>]", "[<b>Bartek</b>]"}},
	} {
		r := loadTest(t, tc.call).NewRenderer()
		got := []string{render(t, r, "pl", a), render(t, r, "pl", b), render(t, r, "pl", c), render(t, r, "en", b)}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.call, got, tc.want)
		}
	}
}

func TestPartialCachedLifetime(t *testing.T) {
	th := loadTest(t, `{{ partialCached "partials/x.html" . }}`)
	r := th.NewRenderer()
	render(t, r, "pl", item{Title: "Ala"})
	if got := render(t, r, "pl", item{Title: "Bartek"}); got != "[<b>Ala</b>]" {
		t.Fatalf("cached: got %q", got)
	}
	r.Forget()
	if got := render(t, r, "pl", item{Title: "Bartek"}); got != "[<b>Bartek</b>]" {
		t.Errorf("after Forget: got %q", got)
	}
	if got := render(t, th.NewRenderer(), "pl", item{Title: "Celina"}); got != "[<b>Celina</b>]" {
		t.Errorf("a new Renderer starts empty: got %q", got)
	}
}

func TestPartialCachedEscapes(t *testing.T) {
	r := loadTest(t, `{{ partialCached "partials/x.html" . }}`).NewRenderer()
	if got := render(t, r, "pl", item{Title: `</b><script>x</script>`}); got != "[<b>&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;</b>]" {
		t.Errorf("got %q", got)
	}
}

func TestPartialCachedErrors(t *testing.T) {
	for call, want := range map[string]string{
		`{{ partialCached "partials/none.html" . }}`:        `themes/test/layouts/base.html:1:5: executing "base.html" at <partialCached "partials/none.html" .>: error calling partialCached: no template "partials/none.html"`,
		`{{ partialCached "partials/bad.html" . }}`:         `themes/test/layouts/partials/bad.html:1:4: executing "partials/bad.html" at <.Missing>: can't evaluate field Missing in type theme.item`,
		`{{ partialCached "partials/x.html" . .Tags }}`:     `themes/test/layouts/base.html:1:5: executing "base.html" at <partialCached "partials/x.html" . .Tags>: error calling partialCached: "partials/x.html": variant 1 ([]string) cannot be a key: use a string, a number or a page`,
		`{{ partialCached "partials/x.html" . 1 2 3 4 5 }}`: `themes/test/layouts/base.html:1:5: executing "base.html" at <partialCached "partials/x.html" . 1 2 3 4 5>: error calling partialCached: "partials/x.html": at most 4 variants, got 5`,
	} {
		_, err := loadTest(t, call).NewRenderer().Render("pl", "page", item{Title: "Ala", Tags: []string{"a"}})
		if err == nil || err.Error() != want {
			t.Errorf("%s:\n got %v\nwant %s", call, err, want)
		}
	}
}

// TestPartialCachedConcurrent renders from many goroutines at once; with
// -race it checks the cache's locking, and every page must see the
// fragment of its own variant.
func TestPartialCachedConcurrent(t *testing.T) {
	r := loadTest(t, `{{ partialCached "partials/x.html" . .Group }}`).NewRenderer()
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			group := []string{"g1", "g2", "g3"}[i%3]
			out, err := r.Render("pl", "page", item{Title: group, Group: group})
			if err != nil {
				t.Error(err)
				return
			}
			if want := "[<b>" + group + "</b>]"; string(out) != want {
				t.Errorf("got %q, want %q", out, want)
			}
		})
	}
	wg.Wait()
}

// TestPartialCachedCheck checks that with CheckCached a page whose
// fragment differs from the cached one is an error at the call, and that
// a complete set of variants passes.
func TestPartialCachedCheck(t *testing.T) {
	load := func(call string) *Renderer {
		t.Helper()
		th := loadTest(t, call)
		th.opt.CheckCached = true
		return th.NewRenderer()
	}
	a := item{Title: "Ala", Group: "g1"}
	b := item{Title: "Bartek", Group: "g1"}

	r := load(`{{ partialCached "partials/x.html" . .Group }}`)
	render(t, r, "pl", a)
	_, err := r.Render("pl", "page", b)
	want := `themes/test/layouts/base.html:1:5: executing "base.html" at <partialCached "partials/x.html" . .Group>: error calling partialCached: "partials/x.html" renders differently for this page than the fragment cached for the same variants: its output depends on something that is not a variant`
	if err == nil || err.Error() != want {
		t.Errorf("a missing variant:\n got %v\nwant %s", err, want)
	}

	r = load(`{{ partialCached "partials/x.html" . .Title }}`)
	if got := render(t, r, "pl", a) + render(t, r, "pl", b) + render(t, r, "pl", a); got != "[<b>Ala</b>][<b>Bartek</b>][<b>Ala</b>]" {
		t.Errorf("complete variants: got %s", got)
	}
}
