// Package sitemap writes sitemap.xml and robots.txt.
//
// # Sitemap
//
// The sitemap lists every published page (not the 404 page and not alias
// redirects) with an xhtml:link alternate for each of its versions,
// itself included, plus x-default: the same reciprocal set as the pages'
// hreflang links. Above MaxURLs entries it is split into sitemap-1.xml,
// sitemap-2.xml, ... and sitemap.xml becomes their index.
//
// # robots.txt
//
// robots.txt allows everything and names the sitemap's absolute URL.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/site"
)

// MaxURLs is the most URLs one sitemap file may hold.
const MaxURLs = 50000

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string   `xml:"xmlns:xhtml,attr"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc        string      `xml:"loc"`
	Alternates []alternate `xml:"xhtml:link"`
}

type alternate struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type index struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// Names returns the paths of the sitemap files in the destination, without
// encoding them: sitemap.xml, and sitemap-1.xml, ... when it is split.
func Names(s *site.Site) []string {
	n := 0
	for _, p := range s.Pages {
		if p.Kind != content.KindNotFound {
			n++
		}
	}
	names := []string{"sitemap.xml"}
	for i := 0; n > MaxURLs && i*MaxURLs < n; i++ {
		names = append(names, fmt.Sprintf("sitemap-%d.xml", i+1))
	}
	return names
}

// Files returns the sitemap files by their path in the destination,
// indented for people to read when indent is set (a build that minifies
// its output has no use for the indentation).
func Files(s *site.Site, indent bool) map[string][]byte {
	var entries []entry
	for _, p := range s.Pages {
		if p.Kind == content.KindNotFound {
			continue
		}
		e := entry{Loc: p.Permalink}
		if len(s.Languages) > 1 {
			for _, v := range p.Versions {
				e.Alternates = append(e.Alternates, alternate{Rel: "alternate", Hreflang: v.Page.Lang, Href: v.Permalink})
			}
			if x := p.XDefault(); x != nil {
				e.Alternates = append(e.Alternates, alternate{Rel: "alternate", Hreflang: "x-default", Href: x.Permalink})
			}
		}
		entries = append(entries, e)
	}
	if len(entries) <= MaxURLs {
		return map[string][]byte{"sitemap.xml": encode(urlset{XHTML: "http://www.w3.org/1999/xhtml", URLs: entries}, indent, size(entries))}
	}
	files := map[string][]byte{}
	var idx index
	for i := 0; i*MaxURLs < len(entries); i++ {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		part := entries[i*MaxURLs : min((i+1)*MaxURLs, len(entries))]
		files[name] = encode(urlset{XHTML: "http://www.w3.org/1999/xhtml", URLs: part}, indent, size(part))
		idx.Sitemaps = append(idx.Sitemaps, struct {
			Loc string `xml:"loc"`
		}{s.Config.AbsURL(s.Config.BasePath() + name)})
	}
	files["sitemap.xml"] = encode(idx, indent, 0)
	return files
}

// Robots returns robots.txt.
func Robots(s *site.Site) []byte {
	return fmt.Appendf(nil, "User-agent: *\nAllow: /\n\nSitemap: %s\n", s.Config.AbsURL(s.Config.BasePath()+"sitemap.xml"))
}

// encode encodes v as an XML document, into a buffer of about sizeHint
// bytes: a sitemap of 10,000 stories is some 10 MB, and a buffer grown by
// doubling would leave as much garbage again.
func encode(v any, indent bool, sizeHint int) []byte {
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if indent {
		enc.Indent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		// Encoding fixed structs of strings cannot fail.
		panic(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// size estimates the encoded size of a urlset of entries, indentation
// included: the URLs and the markup around them.
func size(entries []entry) int {
	n := 256
	for _, e := range entries {
		n += len(e.Loc) + 40
		for _, a := range e.Alternates {
			n += len(a.Href) + len(a.Hreflang) + 60
		}
	}
	return n
}
