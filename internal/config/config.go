// Package config reads site.yaml, the configuration at the root of a site.
//
// # Keys
//
//	title            the site's title in the default language (required)
//	baseURL          absolute http(s) URL of the site's root; its path, if any,
//	                 prefixes every link (required)
//	defaultLanguage  code of the language served at the root (required)
//	languages        code -> {name, title, locale}: name is shown in the
//	                 language switcher, title is the site title in that
//	                 language, locale is the Open Graph locale (pl_PL, en_GB)
//	theme            the theme folder under themes/ (default "default")
//	timeZone         IANA zone in which dates without a time are read and
//	                 publication is evaluated (default "Europe/Warsaw")
//	minify           minify HTML, CSS, JS, JSON, SVG and XML (default true)
//	paginate         list entries per page (default 12)
//	university       {name: language -> name, url}: the institution the
//	                 alumni belong to
//	faculties        key -> language -> name (optional)
//	funding          {eu: false} turns off the EU emblem and "Co-funded by
//	                 the European Union" that the theme shows by default
//	params           a free map for themes
//
// An unknown key is an error with its line and column, and so is a value of
// the wrong type. A UTF-8 byte order mark and CRLF line endings are accepted.
package config

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/alumni-site/alumni/internal/decode"
	"github.com/alumni-site/alumni/internal/diag"
)

// FileName is the name of the configuration file at the site root.
const FileName = "site.yaml"

// Config is a decoded and validated site.yaml.
type Config struct {
	Title           string                       `yaml:"title"`
	BaseURL         string                       `yaml:"baseURL"`
	DefaultLanguage string                       `yaml:"defaultLanguage"`
	Languages       map[string]Language          `yaml:"languages"`
	Theme           string                       `yaml:"theme"`
	TimeZone        string                       `yaml:"timeZone"`
	Minify          bool                         `yaml:"minify"`
	Paginate        int                          `yaml:"paginate"`
	University      University                   `yaml:"university"`
	Faculties       map[string]map[string]string `yaml:"faculties"`
	Funding         Funding                      `yaml:"funding"`
	Params          map[string]any               `yaml:"params"`

	// Location is the time zone named by TimeZone.
	Location *time.Location
	// Base is the parsed BaseURL; its Path ends with "/".
	Base *url.URL
	// LanguageOrder lists the language codes, the default first and the
	// others by code.
	LanguageOrder []string
}

// Language describes one language of the site.
type Language struct {
	Name   string `yaml:"name"`
	Title  string `yaml:"title"`
	Locale string `yaml:"locale"`
}

// Funding says which funding acknowledgements the theme shows.
type Funding struct {
	// EU shows the EU emblem with "Co-funded by the European Union" in the
	// page's language on every page (default true).
	EU bool `yaml:"eu"`
}

// University is the institution the alumni belong to.
type University struct {
	Name map[string]string `yaml:"name"`
	URL  string            `yaml:"url"`
}

var (
	languageCode = regexp.MustCompile(`^[a-z]{2,3}$`)
	localeCode   = regexp.MustCompile(`^[a-z]{2,3}_[A-Z]{2}$`)
	themeName    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// Parse decodes and validates the contents of site.yaml. path names the
// file in diagnostics. Every problem is reported; the Config is usable only
// when no error diagnostic is returned.
func Parse(path string, src []byte) (*Config, []diag.Diagnostic) {
	src, err := decode.Normalize(path, src)
	if err != nil {
		return nil, []diag.Diagnostic{asDiagnostic(path, err)}
	}
	root, ds := decode.Parse(path, decode.YAML, src, 1)
	if root == nil {
		// A syntax error. After a repeated key the tree is still decoded,
		// so that its other problems are reported too.
		return nil, ds
	}
	cfg := &Config{}
	pos, more := decode.Into(path, root, cfg)
	// Unknown keys in site.yaml are errors: a misspelt key would otherwise
	// silently change nothing.
	for i := range more {
		more[i].Severity = diag.Error
	}
	ds = append(ds, more...)
	if hasError(ds) {
		return nil, ds
	}
	ds = append(ds, cfg.complete(path, pos)...)
	return cfg, ds
}

// complete fills defaults, derives the computed fields and validates.
func (c *Config) complete(path string, pos decode.Positions) []diag.Diagnostic {
	var ds []diag.Diagnostic
	at := func(key string) diag.Pos {
		if p, ok := pos[key]; ok {
			return p
		}
		return diag.Pos{}
	}
	fail := func(key, format string, args ...any) {
		ds = append(ds, diag.Errorf(path, at(key), format, args...))
	}
	if _, set := pos["minify"]; !set {
		c.Minify = true
	}
	if _, set := pos["funding.eu"]; !set {
		c.Funding.EU = true
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.TimeZone == "" {
		c.TimeZone = "Europe/Warsaw"
	}
	if c.Paginate == 0 {
		c.Paginate = 12
	}
	if c.Title == "" {
		fail("", "title is required")
	}
	if !themeName.MatchString(c.Theme) {
		fail("theme", "theme %q is not a folder name: use lower-case letters, digits, - and _", c.Theme)
	}
	if c.Paginate < 1 {
		fail("paginate", "paginate must be at least 1, got %d", c.Paginate)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		fail("timeZone", "unknown time zone %q (use an IANA name such as Europe/Warsaw)", c.TimeZone)
	}
	c.Location = loc

	if c.BaseURL == "" {
		fail("", "baseURL is required")
	} else if err := c.SetBaseURL(c.BaseURL); err != nil {
		fail("baseURL", "%v", err)
	}

	if len(c.Languages) == 0 {
		fail("", "languages is required: list at least the default language")
	}
	for _, code := range slices.Sorted(maps.Keys(c.Languages)) {
		lang := c.Languages[code]
		key := "languages." + code
		if !languageCode.MatchString(code) {
			fail(key, "language code %q must be two or three lower-case letters (ISO 639-1, such as pl or en)", code)
		}
		if lang.Name == "" {
			fail(key, "languages.%s.name is required", code)
		}
		if lang.Locale != "" && !localeCode.MatchString(lang.Locale) {
			fail(key+".locale", "locale %q must look like pl_PL or en_GB", lang.Locale)
		}
	}
	switch {
	case c.DefaultLanguage == "":
		fail("", "defaultLanguage is required")
	case !c.HasLanguage(c.DefaultLanguage):
		fail("defaultLanguage", "defaultLanguage %q is not one of languages (%s)", c.DefaultLanguage, strings.Join(slices.Sorted(maps.Keys(c.Languages)), ", "))
	}
	c.LanguageOrder = []string{c.DefaultLanguage}
	for _, code := range slices.Sorted(maps.Keys(c.Languages)) {
		if code != c.DefaultLanguage {
			c.LanguageOrder = append(c.LanguageOrder, code)
		}
	}
	if c.University.URL != "" {
		if u, err := url.Parse(c.University.URL); err != nil || !u.IsAbs() {
			fail("university.url", "university.url must be an absolute URL, got %q", c.University.URL)
		}
	}
	for code := range c.University.Name {
		if _, ok := c.Languages[code]; !ok {
			fail("university.name."+code, "university.name has language %q, which is not in languages", code)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(c.Faculties)) {
		if !themeName.MatchString(key) {
			fail("faculties."+key, "faculty key %q must be lower-case letters, digits, - and _", key)
		}
		for code := range c.Faculties[key] {
			if _, ok := c.Languages[code]; !ok {
				fail("faculties."+key+"."+code, "faculty %q has language %q, which is not in languages", key, code)
			}
		}
	}
	return ds
}

// SetBaseURL validates raw and makes it the site's baseURL.
func (c *Config) SetBaseURL(raw string) error {
	base, err := url.Parse(raw)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.RawQuery != "" || base.Fragment != "" || base.User != nil {
		return fmt.Errorf("baseURL must be an absolute http or https URL such as https://www.example.edu/alumni/, got %q", raw)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	base.RawPath = ""
	c.BaseURL, c.Base = base.String(), base
	return nil
}

// LanguageTitle returns the site title in lang, falling back to Title.
func (c *Config) LanguageTitle(lang string) string {
	if t := c.Languages[lang].Title; t != "" {
		return t
	}
	return c.Title
}

// BasePath returns the path of baseURL, always ending with "/".
func (c *Config) BasePath() string { return c.Base.Path }

// AbsURL turns a root-relative URL (one produced with the base path
// included) into an absolute one.
func (c *Config) AbsURL(rel string) string {
	return c.Base.Scheme + "://" + c.Base.Host + rel
}

// HasLanguage reports whether code is a configured language.
func (c *Config) HasLanguage(code string) bool {
	_, ok := c.Languages[code]
	return ok
}

func hasError(ds []diag.Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error })
}

func asDiagnostic(path string, err error) diag.Diagnostic {
	if d, ok := err.(diag.Diagnostic); ok {
		return d
	}
	return diag.Errorf(path, diag.Pos{}, "%v", err)
}
