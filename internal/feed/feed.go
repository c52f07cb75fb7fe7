// Package feed writes a language's Atom feed (RFC 4287).
//
// # Contents
//
// The feed of a language holds its newest stories and videos, at most
// MaxEntries, from the newest by date (then by path). Every link is
// absolute. An entry's summary is the page's summary.
//
// # Ids
//
// A feed reader recognises an entry by its id, so ids must not change when
// the site moves to another host or the baseURL changes: an entry's id is a
// urn:uuid derived from the page's content key and language, and the
// feed's id from the language.
package feed

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"slices"
	"time"

	"github.com/alumni-site/alumni/internal/site"
)

// MaxEntries is the most entries a feed holds.
const MaxEntries = 20

// Path returns the feed's path relative to the destination for language l:
// feed.xml for the default language, <lang>/feed.xml for the others.
func Path(s *site.Site, l *site.Language) string {
	if l == s.Languages[0] {
		return "feed.xml"
	}
	return l.Code + "/feed.xml"
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string   `xml:"id"`
	Title     string   `xml:"title"`
	Link      atomLink `xml:"link"`
	Published string   `xml:"published"`
	Updated   string   `xml:"updated"`
	Summary   string   `xml:"summary,omitempty"`
}

// Atom returns the feed of language l.
func Atom(s *site.Site, l *site.Language) []byte {
	entries := slices.Concat(l.Stories, l.Videos)
	slices.SortFunc(entries, func(x, y *site.Page) int {
		if c := y.Time().Compare(x.Time()); c != 0 {
			return c
		}
		return cmp.Compare(x.Path, y.Path)
	})
	entries = entries[:min(len(entries), MaxEntries)]
	self := s.Config.AbsURL(s.Config.BasePath() + Path(s, l))
	f := atomFeed{
		Lang:   l.Code,
		ID:     uuid("feed", l.Code),
		Title:  s.Config.LanguageTitle(l.Code),
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: s.Config.AbsURL(l.URL)}},
		Author: atomAuthor{Name: cmp.Or(s.Config.University.Name[l.Code], s.Config.LanguageTitle(l.Code))},
	}
	var newest time.Time
	for _, p := range entries {
		at := p.Time()
		if at.After(newest) {
			newest = at
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:        uuid(p.Key, p.Page.Lang),
			Title:     p.Page.Title,
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: p.Permalink},
			Published: at.Format(time.RFC3339),
			Updated:   at.Format(time.RFC3339),
			Summary:   p.Summary(),
		})
	}
	if newest.IsZero() {
		newest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = newest.Format(time.RFC3339)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		// Encoding fixed structs of strings cannot fail.
		panic(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// uuid returns a name-based urn:uuid (version 5 layout over SHA-1) for
// the given parts.
func uuid(parts ...string) string {
	h := sha1.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	sum := h.Sum(nil)
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}
