package build

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// testSite unpacks a test site from testdata/sites into a temporary folder.
func testSite(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	unpack(t, ar, dir)
	return dir
}

// TestFeedIsValidAtom parses each language's feed as XML and checks its
// entries: the language's published stories and videos, newest first,
// with absolute links and distinct ids that do not depend on the host.
func TestFeedIsValidAtom(t *testing.T) {
	type entry struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
	}
	type atom struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"lang,attr"`
		ID      string   `xml:"id"`
		Entries []entry  `xml:"entry"`
	}
	read := func(dir, name string) atom {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		var f atom
		if err := xml.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s is not well-formed Atom: %v", name, err)
		}
		return f
	}
	dir := testSite(t, "bilingual")
	mustBuild(t, dir, nil)
	pl, en := read(dir, "feed.xml"), read(dir, "en/feed.xml")
	titles := func(f atom) (out []string) {
		for _, e := range f.Entries {
			out = append(out, e.Title)
			if !strings.HasPrefix(e.Link.Href, "https://example.edu/") {
				t.Errorf("entry %q: link %q is not absolute", e.Title, e.Link.Href)
			}
			if !strings.HasPrefix(e.ID, "urn:uuid:") || e.Summary == "" {
				t.Errorf("entry %q: id %q, summary %q", e.Title, e.ID, e.Summary)
			}
		}
		return out
	}
	if got, want := titles(pl), []string{"Spotkanie absolwentów", "Porto zmieniło wszystko", "Oslo"}; !slices.Equal(got, want) {
		t.Errorf("Polish feed entries = %q, want %q", got, want)
	}
	if got, want := titles(en), []string{"Porto changed everything"}; !slices.Equal(got, want) {
		t.Errorf("English feed entries = %q, want %q", got, want)
	}
	if pl.Lang != "pl" || en.Lang != "en" || pl.ID == en.ID {
		t.Errorf("feed languages %q %q, ids %q %q", pl.Lang, en.Lang, pl.ID, en.ID)
	}
	// Ids stay the same when the site moves to another host.
	mustBuild(t, dir, func(o *Options) { o.BaseURL = "https://other.example.org/x/" })
	moved := read(dir, "feed.xml")
	if moved.ID != pl.ID || moved.Entries[0].ID != pl.Entries[0].ID || moved.Entries[0].Link.Href != "https://other.example.org/x/videos/spotkanie/" {
		t.Errorf("after moving: feed id %q (was %q), first entry id %q (was %q), link %q",
			moved.ID, pl.ID, moved.Entries[0].ID, pl.Entries[0].ID, moved.Entries[0].Link.Href)
	}
}

// TestSitemapAlternatesAreReciprocal checks that every URL of the sitemap
// is a published page and that its alternates name each other: if A lists
// B as its English version, B lists A, and both list the same set.
func TestSitemapAlternatesAreReciprocal(t *testing.T) {
	type urlset struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			Alts []struct {
				Lang string `xml:"hreflang,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	for _, name := range []string{"bilingual", "lists"} {
		t.Run(name, func(t *testing.T) {
			dir := testSite(t, name)
			mustBuild(t, dir, nil)
			data, err := os.ReadFile(filepath.Join(dir, "public", "sitemap.xml"))
			if err != nil {
				t.Fatal(err)
			}
			var s urlset
			if err := xml.Unmarshal(data, &s); err != nil {
				t.Fatalf("sitemap.xml is not well-formed: %v", err)
			}
			sets := map[string]string{}
			for _, u := range s.URLs {
				var set []string
				self := false
				for _, a := range u.Alts {
					if a.Lang != "x-default" {
						set = append(set, a.Lang+"="+a.Href)
						self = self || a.Href == u.Loc
					}
				}
				if !self {
					t.Errorf("%s does not list itself among its alternates", u.Loc)
				}
				sets[u.Loc] = fmt.Sprint(set)
			}
			for _, u := range s.URLs {
				for _, a := range u.Alts {
					if a.Lang == "x-default" {
						continue
					}
					other, ok := sets[a.Href]
					if !ok {
						t.Errorf("%s names %s, which is not in the sitemap", u.Loc, a.Href)
					} else if other != sets[u.Loc] {
						t.Errorf("alternates not reciprocal:\n%s: %s\n%s: %s", u.Loc, sets[u.Loc], a.Href, other)
					}
				}
				page := strings.TrimPrefix(u.Loc, "https://example.edu/")
				page = strings.TrimPrefix(page, "https://www.example.edu/erasmus/alumni/")
				if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(page), "index.html")); err != nil {
					t.Errorf("sitemap lists %s, which was not written: %v", u.Loc, err)
				}
			}
			if len(s.URLs) < 10 {
				t.Errorf("only %d URLs", len(s.URLs))
			}
		})
	}
}

// TestAliasCollision checks that an alias that would overwrite a page is
// an error naming both files.
func TestAliasCollision(t *testing.T) {
	dir := testSite(t, "lists")
	p := filepath.Join(dir, "content", "stories", "zamosc.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "consent:", "aliases: [/stories/lodz/]\nconsent:", 1)), 0o644)
	res := buildSite(t, dir, nil)
	want := "content/stories/zamosc.md:8:11: alias /stories/lodz/ would be written to stories/lodz/index.html, like content/stories/lodz.md\n"
	if got := diagnostics(res.Diagnostics); got != want || res.OK {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
