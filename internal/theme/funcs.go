package theme

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// funcs returns the template functions for pages in lang.
func (t *Theme) funcs(lang string) template.FuncMap {
	regions := display.Regions(language.Make(lang))
	return template.FuncMap{
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
		"country": func(code string) string { return countryName(lang, code, regions) },
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

// countryNames holds names that the CLDR data of golang.org/x/text has in
// an outdated form.
var countryNames = map[string]map[string]string{
	"pl": {"MK": "Macedonia Północna", "TR": "Turcja", "CZ": "Czechy", "SZ": "Eswatini", "XK": "Kosowo"},
	"en": {"MK": "North Macedonia", "TR": "Türkiye", "CZ": "Czechia", "SZ": "Eswatini", "XK": "Kosovo"},
}

// countryName returns the name of an ISO 3166-1 country in lang.
func countryName(lang, code string, regions display.Namer) string {
	if name := countryNames[lang][code]; name != "" {
		return name
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := regions.Name(region); name != "" {
		return name
	}
	return code
}
