package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Życie w Łodzi", "zycie-w-lodzi"},
		{"Kraków 2023!", "krakow-2023"},
		{"ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "zazolc-gesla-jazn"},
		{"zażółć gęślą jaźń", "zazolc-gesla-jazn"},
		// The same words written decomposed (NFD), as macOS file names may be.
		{"Z\u0307ycie w L\u0301odzi i Krako\u0301w", "zycie-w-lodzi-i-krakow"},
		{"e\u0301", "e"},
		{"Straße", "strasse"},
		{"STRASSE ẞ", "strasse-ss"},
		{"Æsir, Øresund, Œuvre", "aesir-oresund-oeuvre"},
		{"Đakovo", "dakovo"},
		{"Þingvellir", "thingvellir"},
		{"Čeština, Français, Español, Türkçe, Ελλάδα", "cestina-francais-espanol-turkce"},
		{"İstanbul", "istanbul"},
		{"  --Hello,   World--  ", "hello-world"},
		{"a..b", "a-b"},
		{"../etc/passwd", "etc-passwd"},
		{"%2e%2e", "2e-2e"},
		{"C:\\Windows", "c-windows"},
		{"a\x00b", "a-b"},
		{"erasmus_2024.md", "erasmus-2024-md"},
		{"Joyce'a", "joyce-a"},
		{"Київ", ""},
		{"🎓", ""},
		{"", ""},
		{"---", ""},
		{"already-a-slug", "already-a-slug"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMakeIsCheckable checks that whatever Make returns, unless it is empty
// or a device name, passes Check.
func TestMakeIsCheckable(t *testing.T) {
	for _, in := range []string{"Życie w Łodzi", "../../x", "a--b", "  x  ", "Ærø 1", "Con", "%2e%2e/"} {
		s := Make(in)
		if s == "" || IsDeviceName(s) {
			continue
		}
		if err := Check(s); err != nil {
			t.Errorf("Check(Make(%q)) = %v", in, err)
		}
	}
}

func TestCheck(t *testing.T) {
	const bad = `: use lower-case letters, digits and single hyphens`
	tests := []struct {
		in, err string
	}{
		{"zycie-w-lodzi", ""},
		{"krakow-2023", ""},
		{"a", ""},
		{"2024", ""},
		{"console", ""},
		{"com10", ""},
		{"lpt", ""},
		{"", `invalid slug ""` + bad},
		{"../x", `invalid slug "../x"` + bad},
		{"..", `invalid slug ".."` + bad},
		{"%2e%2e", `invalid slug "%2e%2e"` + bad},
		{"%2e%2e/x", `invalid slug "%2e%2e/x"` + bad},
		{`..\x`, `invalid slug "..\\x"` + bad},
		{"/etc", `invalid slug "/etc"` + bad},
		{"c:", `invalid slug "c:"` + bad},
		{"a..b", `invalid slug "a..b"` + bad},
		{"a/b", `invalid slug "a/b"` + bad},
		{"name.", `invalid slug "name."` + bad},
		{"a\x00b", `invalid slug "a\x00b"` + bad},
		{"Krakow", `invalid slug "Krakow"` + bad},
		{"kraków", `invalid slug "kraków"` + bad},
		{"a--b", `invalid slug "a--b"` + bad},
		{"-a", `invalid slug "-a"` + bad},
		{"a-", `invalid slug "a-"` + bad},
		{"a b", `invalid slug "a b"` + bad},
		{"con", `invalid slug "con": con is a reserved device name on Windows`},
		{"prn", `invalid slug "prn": prn is a reserved device name on Windows`},
		{"aux", `invalid slug "aux": aux is a reserved device name on Windows`},
		{"nul", `invalid slug "nul": nul is a reserved device name on Windows`},
		{"com0", `invalid slug "com0": com0 is a reserved device name on Windows`},
		{"com1", `invalid slug "com1": com1 is a reserved device name on Windows`},
		{"lpt9", `invalid slug "lpt9": lpt9 is a reserved device name on Windows`},
		{"CON", `invalid slug "CON"` + bad},
		{strings.Repeat("a", MaxLen), ""},
		{strings.Repeat("a", MaxLen+1), `invalid slug "` + strings.Repeat("a", MaxLen+1) + `": longer than 200 characters`},
	}
	for _, tt := range tests {
		err := Check(tt.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("Check(%q) = %q, want %q", tt.in, got, tt.err)
		}
	}
}
