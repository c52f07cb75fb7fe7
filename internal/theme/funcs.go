package theme

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/countries"
	"github.com/alumni-site/alumni/internal/site"
)

// funcs returns the template functions for pages in lang.
func (t *Theme) funcs(lang string) template.FuncMap {
	names := countries.NewNamer(lang)
	m := template.FuncMap{
		"T":     func(key string) (string, error) { return t.translate(lang, key) },
		"asset": t.assetURL,
		"relURL": func(p string) string {
			return t.opt.BasePath + strings.TrimPrefix(p, "/")
		},
		"absURL": func(p string) string {
			return t.opt.AbsBase + t.opt.BasePath + strings.TrimPrefix(p, "/")
		},
		"date":    func(tm time.Time) string { return formatDate(lang, tm) },
		"isoDate": func(tm time.Time) string { return tm.Format(time.DateOnly) },
		"country": names.Name,
		"add":     func(a, b int) int { return a + b },
		"first": func(n int, pages []*site.Page) []*site.Page {
			return pages[:min(n, len(pages))]
		},
		// partialCached is bound to a Renderer's cache when a Renderer
		// clones the set; the theme's own sets are never executed.
		"partialCached": func(string, any, ...any) (template.HTML, error) {
			return "", errors.New("partialCached used outside a Renderer")
		},
		"faculty": func(key string) string {
			if name := t.opt.Faculties[key][lang]; name != "" {
				return name
			}
			if name := t.opt.Faculties[key][t.opt.Languages[0]]; name != "" {
				return name
			}
			return key
		},
	}
	maps.Copy(m, t.pageFuncs())
	return m
}

var polishMonths = [...]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
	"sierpnia", "września", "października", "listopada", "grudnia"}

// formatDate writes a date as readers of lang expect it; languages without
// a rule get YYYY-MM-DD.
func formatDate(lang string, tm time.Time) string {
	switch lang {
	case "pl":
		return fmt.Sprintf("%d %s %d", tm.Day(), polishMonths[tm.Month()-1], tm.Year())
	case "en":
		return tm.Format("2 January 2006")
	}
	return tm.Format(time.DateOnly)
}
