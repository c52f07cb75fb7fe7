package sitegen

import "strings"

// country is a host country: its ISO code, its Polish and English names,
// the Polish phrase "in <country>" for sentences, a few cities and the
// patterns of its institutions' names (%s is the city).
type country struct {
	code, pl, en, inPL string
	cities             []string
	patterns           []string
}

// institution is one host institution in a city.
type institution struct {
	name, city string
	country    *country
}

// hostCountries lists 30 Erasmus+ countries. With three cities and two or
// three patterns each they give about 200 institutions.
var hostCountries = []*country{
	{"PT", "Portugalia", "Portugal", "w Portugalii", []string{"Lisboa", "Porto", "Coimbra"}, []string{"Universidade de %s", "Instituto Politécnico de %s"}},
	{"ES", "Hiszpania", "Spain", "w Hiszpanii", []string{"Granada", "Valencia", "Salamanca", "Sevilla"}, []string{"Universidad de %s", "Universidad Politécnica de %s"}},
	{"FR", "Francja", "France", "we Francji", []string{"Lyon", "Lille", "Toulouse", "Rennes"}, []string{"Université de %s", "École Supérieure de Commerce de %s"}},
	{"IT", "Włochy", "Italy", "we Włoszech", []string{"Bologna", "Padova", "Torino", "Milano"}, []string{"Università degli Studi di %s", "Politecnico di %s"}},
	{"DE", "Niemcy", "Germany", "w Niemczech", []string{"Leipzig", "Heidelberg", "Münster", "Dresden"}, []string{"Universität %s", "Hochschule %s", "Technische Hochschule %s"}},
	{"AT", "Austria", "Austria", "w Austrii", []string{"Wien", "Graz", "Innsbruck"}, []string{"Universität %s", "Fachhochschule %s"}},
	{"BE", "Belgia", "Belgium", "w Belgii", []string{"Leuven", "Gent", "Liège"}, []string{"Université de %s", "Hogeschool %s"}},
	{"NL", "Holandia", "Netherlands", "w Holandii", []string{"Leiden", "Utrecht", "Groningen"}, []string{"Universiteit %s", "Hogeschool %s"}},
	{"LU", "Luksemburg", "Luxembourg", "w Luksemburgu", []string{"Luxembourg", "Esch-sur-Alzette"}, []string{"Université de %s", "Lycée Technique de %s"}},
	{"IE", "Irlandia", "Ireland", "w Irlandii", []string{"Dublin", "Cork", "Galway"}, []string{"University College %s", "Technological University %s"}},
	{"DK", "Dania", "Denmark", "w Danii", []string{"Aarhus", "Odense", "Aalborg"}, []string{"%s Universitet", "Erhvervsakademi %s"}},
	{"SE", "Szwecja", "Sweden", "w Szwecji", []string{"Uppsala", "Lund", "Göteborg"}, []string{"%s universitet", "Högskolan i %s"}},
	{"FI", "Finlandia", "Finland", "w Finlandii", []string{"Tampere", "Turku", "Oulu"}, []string{"%s University", "%s University of Applied Sciences"}},
	{"NO", "Norwegia", "Norway", "w Norwegii", []string{"Bergen", "Trondheim", "Tromsø"}, []string{"Universitetet i %s", "Høgskulen i %s"}},
	{"IS", "Islandia", "Iceland", "na Islandii", []string{"Reykjavík", "Akureyri"}, []string{"Háskólinn í %s", "Listaháskóli %s"}},
	{"EE", "Estonia", "Estonia", "w Estonii", []string{"Tartu", "Tallinn"}, []string{"%s Ülikool", "%s Tehnikakõrgkool", "%s Kunstikõrgkool"}},
	{"LV", "Łotwa", "Latvia", "na Łotwie", []string{"Riga", "Daugavpils", "Jelgava"}, []string{"Universitāte %s", "Koledža %s"}},
	{"LT", "Litwa", "Lithuania", "na Litwie", []string{"Vilnius", "Kaunas", "Klaipėda"}, []string{"%s universitetas", "%s kolegija"}},
	{"CZ", "Czechy", "Czechia", "w Czechach", []string{"Brno", "Praha", "Olomouc", "Ostrava"}, []string{"Univerzita %s", "Vysoká škola %s"}},
	{"SK", "Słowacja", "Slovakia", "na Słowacji", []string{"Bratislava", "Košice", "Žilina"}, []string{"Univerzita %s", "Technická univerzita %s"}},
	{"HU", "Węgry", "Hungary", "na Węgrzech", []string{"Budapest", "Szeged", "Pécs", "Debrecen"}, []string{"%s Tudományegyetem", "%s Műszaki Egyetem"}},
	{"SI", "Słowenia", "Slovenia", "w Słowenii", []string{"Ljubljana", "Maribor", "Koper"}, []string{"Univerza v %s", "Visoka šola %s"}},
	{"HR", "Chorwacja", "Croatia", "w Chorwacji", []string{"Zagreb", "Split", "Rijeka", "Osijek"}, []string{"Sveučilište u %s", "Veleučilište u %s"}},
	{"RO", "Rumunia", "Romania", "w Rumunii", []string{"Cluj-Napoca", "Iași", "Timișoara"}, []string{"Universitatea din %s", "Universitatea Tehnică din %s"}},
	{"BG", "Bułgaria", "Bulgaria", "w Bułgarii", []string{"Sofia", "Plovdiv", "Varna"}, []string{"University of %s", "Technical University of %s"}},
	{"GR", "Grecja", "Greece", "w Grecji", []string{"Thessaloniki", "Athens", "Patras"}, []string{"University of %s", "International Hellenic University %s"}},
	{"CY", "Cypr", "Cyprus", "na Cyprze", []string{"Nicosia", "Limassol"}, []string{"University of %s", "%s College"}},
	{"MT", "Malta", "Malta", "na Malcie", []string{"Msida", "Valletta"}, []string{"University of Malta, %s", "Malta College of Arts, %s"}},
	{"TR", "Turcja", "Türkiye", "w Turcji", []string{"İzmir", "Ankara", "Eskişehir"}, []string{"%s Üniversitesi", "%s Teknik Üniversitesi"}},
	{"RS", "Serbia", "Serbia", "w Serbii", []string{"Novi Sad", "Beograd", "Niš"}, []string{"Univerzitet u %s", "Visoka škola %s"}},
}

// institutions lists every institution, country by country, city by city.
var institutions = func() []institution {
	var out []institution
	for _, c := range hostCountries {
		for _, city := range c.cities {
			for _, p := range c.patterns {
				out = append(out, institution{name: strings.Replace(p, "%s", city, 1), city: city, country: c})
			}
		}
	}
	return out
}()

// faculties are the keys and names written to site.yaml.
var faculties = []struct{ key, pl, en string }{
	{"humanities", "Wydział Humanistyczny", "Faculty of Humanities"},
	{"law", "Wydział Prawa i Administracji", "Faculty of Law and Administration"},
	{"economics", "Wydział Ekonomii i Zarządzania", "Faculty of Economics and Management"},
	{"science", "Wydział Nauk Przyrodniczych", "Faculty of Natural Sciences"},
	{"health", "Wydział Nauk o Zdrowiu", "Faculty of Health Sciences"},
	{"engineering", "Wydział Techniczny", "Faculty of Engineering"},
	{"arts", "Wydział Sztuki", "Faculty of Arts"},
	{"education", "Wydział Nauk o Wychowaniu", "Faculty of Education"},
}

// tags is the vocabulary of tags, in Polish and English, index for index.
var tags = [][2]string{
	{"studia", "studies"}, {"praktyki", "traineeship"}, {"język", "language"}, {"kultura", "culture"},
	{"budżet", "budget"}, {"mieszkanie", "housing"}, {"przyjaźń", "friendship"}, {"kariera", "career"},
	{"badania", "research"}, {"laboratorium", "laboratory"}, {"sztuka", "art"}, {"muzyka", "music"},
	{"sport", "sport"}, {"przyroda", "nature"}, {"miasto", "city life"}, {"podróże", "travel"},
	{"wolontariat", "volunteering"}, {"tandem językowy", "language tandem"}, {"stypendium", "grant"}, {"kuchnia", "food"},
	{"filologia", "philology"}, {"prawo", "law"}, {"ekonomia", "economics"}, {"medycyna", "medicine"},
	{"fizjoterapia", "physiotherapy"}, {"informatyka", "computing"}, {"inżynieria", "engineering"}, {"biologia", "biology"},
	{"pedagogika", "education"}, {"dydaktyka", "teaching"}, {"administracja", "administration"}, {"szkolenie", "training"},
	{"doktorat", "doctorate"}, {"start-up", "start-up"}, {"zrównoważony rozwój", "sustainability"}, {"integracja", "inclusion"},
	{"niepełnosprawność", "disability"}, {"rodzina", "family"}, {"odwaga", "courage"}, {"powrót", "coming back"},
}

// Polish first names, female and male, and surnames as male|female pairs.
var (
	femaleNames = []string{"Anna", "Zofia", "Julia", "Maja", "Zuzanna", "Hanna", "Lena", "Alicja", "Maria", "Natalia",
		"Oliwia", "Wiktoria", "Aleksandra", "Agnieszka", "Ewa", "Marta", "Katarzyna", "Magdalena", "Joanna", "Karolina",
		"Małgorzata", "Weronika", "Dominika", "Paulina", "Żaneta"}
	maleNames = []string{"Jakub", "Antoni", "Jan", "Szymon", "Filip", "Franciszek", "Aleksander", "Mikołaj", "Wojciech", "Kacper",
		"Adam", "Michał", "Piotr", "Tomasz", "Paweł", "Krzysztof", "Marcin", "Łukasz", "Bartosz", "Mateusz",
		"Grzegorz", "Dawid", "Kamil", "Rafał", "Stanisław"}
	surnames = [][2]string{
		{"Nowak", "Nowak"}, {"Kowalski", "Kowalska"}, {"Wiśniewski", "Wiśniewska"}, {"Wójcik", "Wójcik"},
		{"Kowalczyk", "Kowalczyk"}, {"Kamiński", "Kamińska"}, {"Lewandowski", "Lewandowska"}, {"Zieliński", "Zielińska"},
		{"Szymański", "Szymańska"}, {"Woźniak", "Woźniak"}, {"Dąbrowski", "Dąbrowska"}, {"Kozłowski", "Kozłowska"},
		{"Jankowski", "Jankowska"}, {"Mazur", "Mazur"}, {"Kwiatkowski", "Kwiatkowska"}, {"Krawczyk", "Krawczyk"},
		{"Piotrowski", "Piotrowska"}, {"Grabowski", "Grabowska"}, {"Nowakowski", "Nowakowska"}, {"Pawłowski", "Pawłowska"},
		{"Michalski", "Michalska"}, {"Nowicki", "Nowicka"}, {"Adamczyk", "Adamczyk"}, {"Dudek", "Dudek"},
		{"Zając", "Zając"}, {"Wieczorek", "Wieczorek"}, {"Jabłoński", "Jabłońska"}, {"Król", "Król"},
		{"Majewski", "Majewska"}, {"Olszewski", "Olszewska"}, {"Jaworski", "Jaworska"}, {"Wróbel", "Wróbel"},
		{"Malinowski", "Malinowska"}, {"Pawlak", "Pawlak"}, {"Witkowski", "Witkowska"}, {"Walczak", "Walczak"},
		{"Stępień", "Stępień"}, {"Górski", "Górska"}, {"Rutkowski", "Rutkowska"}, {"Michalak", "Michalak"},
	}
)

// professions are what graduates do now, in Polish and English.
var professions = [][2]string{
	{"Tłumaczka i lektorka", "Translator and language teacher"}, {"Analityk danych", "Data analyst"},
	{"Fizjoterapeutka", "Physiotherapist"}, {"Inżynier procesu", "Process engineer"},
	{"Radca prawny", "Legal counsel"}, {"Nauczycielka biologii", "Biology teacher"},
	{"Projektantka UX", "UX designer"}, {"Specjalista ds. logistyki", "Logistics specialist"},
	{"Doktorantka", "Doctoral researcher"}, {"Kierownik projektu", "Project manager"},
	{"Pielęgniarka", "Nurse"}, {"Programista", "Software developer"},
}

// employers are where graduates work now.
var employers = []string{
	"Szpital Specjalistyczny w Pile", "Biuro tłumaczeń Lingua", "Noteć Software", "Kancelaria Nowak i Wspólnicy",
	"Urząd Miasta Piły", "Centrum Rehabilitacji Zdrój", "Fundacja Otwarte Drzwi", "Zakłady Mechaniczne Bydgoszcz",
	"Instytut Badawczy Nadnotecki", "Szkoła Podstawowa nr 3 w Pile", "Logistyka Północ", "Studio Projektowe Kreska",
}
