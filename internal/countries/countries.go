// Package countries knows the ISO 3166-1 alpha-2 country codes and their
// names in the site's languages.
//
// # Codes
//
// Only officially assigned codes are countries, plus XK (Kosovo), which the
// European Commission uses. Erasmus+ documents write Greece as EL and the
// United Kingdom as UK; Erasmus maps them to GR and GB.
//
// # Names
//
// Names come from the CLDR data of golang.org/x/text, with overrides where
// that data is outdated (North Macedonia, Türkiye, Czechia, Eswatini,
// Kosovo).
package countries

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// isoCountries holds every officially assigned ISO 3166-1 alpha-2 code.
// language.ParseRegion accepts codes that are not countries ("EU", "XX",
// "616"), so host countries are checked against this closed list.
const isoCountries = "" +
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
	"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
	"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW " +
	"XK" // Kosovo: user-assigned, but used by the European Commission and in Erasmus+ data.

// erasmusCodes maps the codes that Erasmus+ documents use for Greece and
// the United Kingdom to their ISO codes.
var erasmusCodes = map[string]string{"EL": "GR", "UK": "GB"}

// Erasmus returns the ISO code for an Erasmus+ spelling (EL, UK), or ""
// when code is not one.
func Erasmus(code string) string { return erasmusCodes[code] }

// Valid reports whether code is an ISO 3166-1 alpha-2 country code (or
// XK, Kosovo) in upper case.
func Valid(code string) bool {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return false
	}
	return strings.Contains(isoCountries, code)
}

// overrides holds names that the CLDR data of golang.org/x/text has in an
// outdated form.
var overrides = map[string]map[string]string{
	"pl": {"MK": "Macedonia Północna", "TR": "Turcja", "CZ": "Czechy", "SZ": "Eswatini", "XK": "Kosowo"},
	"en": {"MK": "North Macedonia", "TR": "Türkiye", "CZ": "Czechia", "SZ": "Eswatini", "XK": "Kosovo"},
}

// Namer names countries in one language. It is safe for concurrent use.
type Namer struct {
	lang    string
	regions display.Namer
}

// NewNamer returns a Namer for the language code lang.
func NewNamer(lang string) *Namer {
	return &Namer{lang: lang, regions: display.Regions(language.Make(lang))}
}

// Name returns the country's name, or the code itself when no name is
// known.
func (n *Namer) Name(code string) string {
	if name := overrides[n.lang][code]; name != "" {
		return name
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := n.regions.Name(region); name != "" {
		return name
	}
	return code
}
