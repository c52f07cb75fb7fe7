package theme

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/alumni-site/alumni/internal/decode"
	"github.com/alumni-site/alumni/internal/diag"
)

// loadStrings reads i18n/<lang>.yaml of every layer; the site's strings
// replace the theme's key by key.
func (t *Theme) loadStrings() []diag.Diagnostic {
	var ds []diag.Diagnostic
	t.strings = map[string]map[string]string{}
	for _, lang := range t.opt.Languages {
		t.strings[lang] = map[string]string{}
		for _, l := range t.layers() {
			if l.FS == nil {
				continue
			}
			file := "i18n/" + lang + ".yaml"
			src, err := fs.ReadFile(l.FS, file)
			if errorsIsNotExist(err) {
				continue
			}
			shown := t.display(l, file)
			if err != nil {
				ds = append(ds, diag.Errorf(shown, diag.Pos{}, "cannot read: %v", err))
				continue
			}
			strs, more := decodeStrings(shown, src)
			ds = append(ds, more...)
			for k, v := range strs {
				t.strings[lang][k] = v
			}
		}
	}
	return ds
}

// decodeStrings decodes a flat YAML map of UI strings.
func decodeStrings(shown string, src []byte) (map[string]string, []diag.Diagnostic) {
	src, err := decode.Normalize(shown, src)
	if err != nil {
		var d diag.Diagnostic
		errors.As(err, &d)
		return nil, []diag.Diagnostic{d}
	}
	root, ds := decode.Parse(shown, decode.YAML, src, 1)
	if root == nil {
		return nil, ds
	}
	var wrapper struct {
		Strings map[string]string `yaml:"strings"`
	}
	// Decode the document as the value of a field, so that a map of
	// strings is decoded strictly.
	doc := &decode.Node{Kind: decode.MapNode, Pos: root.Pos, Entries: []decode.Entry{{Key: "strings", KeyPos: root.Pos, Value: root}}}
	_, more := decode.Into(shown, doc, &wrapper)
	return wrapper.Strings, append(ds, more...)
}

// translate returns the UI string key in lang, falling back to the default
// language.
func (t *Theme) translate(lang, key string) (string, error) {
	if s, ok := t.strings[lang][key]; ok {
		return s, nil
	}
	if s, ok := t.strings[t.opt.Languages[0]][key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("no UI string %q in i18n/%s.yaml of the site or the theme", key, lang)
}

// Label returns the UI string key in lang, falling back to the default
// language, and whether there is one.
func (t *Theme) Label(lang, key string) (string, bool) {
	s, err := t.translate(lang, key)
	return s, err == nil
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
