package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alumni-site/alumni/internal/sitegen"
)

var benchStories = flag.Int("stories", 10000, "stories in the generated site of BenchmarkServe")

// BenchmarkServe measures the preview on a generated site:
//
//	startup-ms   from starting "alumni serve" to the first page served
//	edit-ms      median time from writing a story's new text (its front
//	             matter unchanged) to a GET that serves it
//	country-ms   the same for a change of the story's host country, which
//	             changes lists and taxonomy pages too (measured on the new
//	             country's term page)
//
// Run it with:
//
//	go test ./cmd/alumni -run '^$' -bench BenchmarkServe -benchtime 1x [-stories 10000]
func BenchmarkServe(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Write(dir, sitegen.Options{Stories: *benchStories, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	storyFile, storyURL := firstStory(b, dir)
	for b.Loop() {
		start := time.Now()
		url, _ := startServe(b, dir)
		waitFor(b, url+storyURL, func(body string) bool { return strings.Contains(body, "</html>") })
		startup := time.Since(start)

		original, err := os.ReadFile(storyFile)
		if err != nil {
			b.Fatal(err)
		}
		var edits, countries []time.Duration
		current := string(original) // the file as it is, without the marker
		for i := range 9 {
			marker := fmt.Sprintf("Edycja numer %d.", i)
			edited := strings.Replace(current, "\n---\n", "\n---\n"+marker+"\n\n", 1)
			start := time.Now()
			os.WriteFile(storyFile, []byte(edited), 0o644)
			waitFor(b, url+storyURL, func(body string) bool { return strings.Contains(body, marker) })
			edits = append(edits, time.Since(start))

			country := []string{"LI", "AD", "MC"}[i%3] // countries the generator never uses, so the story is alone on their page
			moved := replaceCountry(b, edited, country)
			start = time.Now()
			os.WriteFile(storyFile, []byte(moved), 0o644)
			waitFor(b, url+"countries/"+strings.ToLower(country)+"/", func(body string) bool { return strings.Contains(body, storyURL) })
			countries = append(countries, time.Since(start))
			current = replaceCountry(b, current, country)
		}
		os.WriteFile(storyFile, original, 0o644)
		b.ReportMetric(ms(startup), "startup-ms")
		b.ReportMetric(ms(median(edits)), "edit-ms")
		b.ReportMetric(ms(median(countries)), "country-ms")
	}
}

// firstStory returns the file and URL path (below the base path) of a
// generated story.
func firstStory(b *testing.B, dir string) (string, string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "stories", "*", "index.md"))
	if len(matches) == 0 {
		matches, _ = filepath.Glob(filepath.Join(dir, "content", "stories", "[!_]*.md"))
	}
	if len(matches) == 0 {
		b.Fatal("no story generated")
	}
	slices.Sort(matches)
	file := matches[len(matches)/2]
	name := strings.TrimSuffix(filepath.Base(file), ".md")
	if name == "index" {
		name = filepath.Base(filepath.Dir(file))
	}
	return file, "stories/" + name + "/"
}

// replaceCountry sets the host country of a story's front matter.
func replaceCountry(b *testing.B, text, country string) string {
	i := strings.Index(text, "country: ")
	if i < 0 {
		b.Fatal("the story has no country")
	}
	return text[:i] + "country: " + country + text[i+len("country: XX"):]
}

// waitFor GETs url until check accepts the body.
func waitFor(b *testing.B, url string, check func(string) bool) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && check(string(data)) {
				return
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	b.Fatalf("GET %s never gave what was expected", url)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
