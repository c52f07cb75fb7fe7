package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/alumni-site/alumni/internal/content"
	"github.com/alumni-site/alumni/internal/diag"
)

// MaxStaticSize is the largest asset or static file accepted.
const MaxStaticSize = 20 << 20

// loadAssets reads every asset, processes it and names it by the hash of
// the processed bytes: css/main.css becomes css/main.1a2b3c4d5e.css.
func (t *Theme) loadAssets() []diag.Diagnostic {
	files, ds := t.merged("assets")
	t.assets = map[string]Asset{}
	for _, name := range sortedPaths(files) {
		l := files[name]
		file := "assets/" + name
		data, err := content.ReadLimited(l.FS, file, MaxStaticSize)
		if err != nil {
			ds = append(ds, diag.Errorf(t.display(l, file), diag.Pos{}, "%v", err))
			continue
		}
		if t.opt.Process != nil {
			if data, err = t.opt.Process(name, data); err != nil {
				ds = append(ds, diag.Errorf(t.display(l, file), diag.Pos{}, "%v", err))
				continue
			}
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		out := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		t.assets[name] = Asset{Output: out, Data: data}
	}
	return ds
}

// loadStatic lists the static files; the site's win over the theme's.
func (t *Theme) loadStatic() []diag.Diagnostic {
	files, ds := t.merged("static")
	for _, name := range sortedPaths(files) {
		l := files[name]
		t.static = append(t.static, File{FS: l.FS, Path: "static/" + name, Output: name, Display: t.display(l, "static/"+name)})
	}
	return ds
}

// assetURL returns the root-relative URL of an asset.
func (t *Theme) assetURL(name string) (string, error) {
	a, ok := t.assets[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("no asset %q in assets/ of the site or the theme", name)
	}
	return t.opt.BasePath + a.Output, nil
}

// absAssetURL returns the absolute URL of an asset, for og:image and
// JSON-LD.
func (t *Theme) absAssetURL(name string) (string, error) {
	u, err := t.assetURL(name)
	if err != nil {
		return "", err
	}
	return t.opt.AbsBase + u, nil
}
