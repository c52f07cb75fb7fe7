package devserver

import (
	"testing"
	"time"
)

func TestCompareSites(t *testing.T) {
	base := newSite(map[string]string{
		"index.html":        "<p>home</p>",
		"css/main.css":      "a{}",
		"css/print.CSS":     "b{}",
		"img/logo.svg":      "<svg/>",
		"stories/index.xml": "<rss/>",
	})
	tests := []struct {
		name    string
		changes map[string]string
		want    change
	}{
		{"nothing changed, new value", map[string]string{}, fullChange},
		{"a stylesheet changed", map[string]string{"css/main.css": "a{color:red}"}, cssChange},
		{"two stylesheets changed, one upper-case", map[string]string{"css/main.css": "x", "css/print.CSS": "y"}, cssChange},
		{"a stylesheet added", map[string]string{"css/new.css": "c{}"}, cssChange},
		{"a stylesheet removed", map[string]string{"css/print.CSS": "-"}, cssChange},
		{"a page changed", map[string]string{"index.html": "<p>home!</p>"}, fullChange},
		{"a page and a stylesheet changed", map[string]string{"index.html": "x", "css/main.css": "y"}, fullChange},
		{"a page added", map[string]string{"css/main.css": "y", "new/index.html": "x"}, fullChange},
		{"a page removed", map[string]string{"css/main.css": "y", "stories/index.xml": "-"}, fullChange},
		{"an image changed", map[string]string{"img/logo.svg": "<svg></svg>"}, fullChange},
		{"a .css folder", map[string]string{"css/main.css": "y", "a.css/index.html": "x"}, fullChange},
	}
	for _, tt := range tests {
		if got := compareSites(base, base.with(tt.changes), time.Second); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := compareSites(base, base, time.Second); got != noChange {
		t.Errorf("the same Site: %v, want noChange", got)
	}
	if got := compareSites(nil, nil, time.Second); got != noChange {
		t.Errorf("nil to nil: %v, want noChange", got)
	}
	if got := compareSites(nil, base, time.Second); got != fullChange {
		t.Errorf("nil to a Site: %v, want fullChange", got)
	}
	cssOnly := base.with(map[string]string{"css/main.css": "z"})
	if got := compareSites(base, cssOnly, -time.Second); got != fullChange {
		t.Errorf("stylesheet change past the budget: %v, want fullChange", got)
	}
	if got := compareSites(filesOnly{base}, cssOnly, time.Second); got != fullChange {
		t.Errorf("from a Site that cannot list: %v, want fullChange", got)
	}
	media := base.with(map[string]string{"css/main.css": "z"})
	media.media["img/logo.svg"] = "text/plain"
	if got := compareSites(base, media, time.Second); got != fullChange {
		t.Errorf("a media type changed: %v, want fullChange", got)
	}
}

func TestSameSite(t *testing.T) {
	m := sharedSite{"a": nil}
	if sameSite(m, m) {
		t.Error("a map Site is the same as itself: maps cannot be compared")
	}
	f := filesOnly{newSite(nil)}
	if !sameSite(f, f) {
		t.Error("a comparable struct Site is not the same as itself")
	}
	if sameSite(f, filesOnly{newSite(nil)}) {
		t.Error("two different Sites are the same")
	}
	if sameSite(f, nil) || sameSite(nil, f) {
		t.Error("a Site is the same as nil")
	}
}
