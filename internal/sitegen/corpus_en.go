package sitegen

// The English corpus of the translations, with the placeholders of the
// Polish one ({kraj} reads "in the country" here: "in Portugal").

var enSentences = []string{
	"I decided to go at the last minute, a day before the application deadline.",
	"At first a semester abroad seemed to be something for other, braver students.",
	"I spent the first week mostly sorting out paperwork at the international office.",
	"{uczelnia} welcomed us with an orientation day and a map of the campus.",
	"{miasto} turned out to be smaller than I had thought, and very friendly because of it.",
	"Classes were taught in small groups, so there was no hiding in the back row.",
	"The lecturers expected us to come prepared and to discuss, not only to take notes.",
	"After a month I noticed that I had stopped translating every sentence in my head.",
	"The first shopping trips were the hardest, because I did not know the names of half the products.",
	"I lived in a hall of residence with people from nine countries.",
	"The shared kitchen became our headquarters, the place of arguments and the best conversations.",
	"The grant covered the rent and part of the food; I added the rest from my summer savings.",
	"My coordinator at the host university answered emails faster than anyone I know.",
	"Every project ended with a presentation in front of the whole group, which terrified me at first.",
	"In time I understood that nobody expected perfect language from me, only good ideas.",
	"At weekends we took the train to nearby towns, usually with one backpack and no plan.",
	"Life {kraj} has a different rhythm, and shops may be closed on Sundays.",
	"I learned to plan a budget for the whole month and to stick to it.",
	"I spent more time in the library than ever before, because it was open until midnight.",
	"The laboratory had equipment we could only read about at home.",
	"My supervisor invited me to join a research project that is still running.",
	"Once a week I met my language tandem partner to practise conversation over coffee.",
	"I learned the most not in class but in conversations with people from completely different fields.",
	"There were hard moments too, especially in November, when it got dark before four.",
	"Exams were different: instead of a test we wrote an essay at home over a week.",
	"My grades were recognised without any problem, because everything was in the learning agreement.",
	"During the traineeship I had tasks of my own from the second week.",
	"The team I worked in came from five countries and spoke English.",
	"Thanks to the traineeship I know that I want to work in an international team.",
	"After coming back we introduced two ideas that we had seen at {uczelnia}.",
	"Public transport in {miasto} works so well that I did not need a bike for five months.",
	"At the farewell dinner everyone brought a dish from home, and I brought pierogi, of course.",
	"The friendships from the exchange have lasted, although today we live in six different cities.",
	"The exchange taught me that asking for help is not a weakness but common sense.",
	"If someone asked me whether it is worth it, I would answer without hesitation: **yes**.",
	"The cost of living {kraj} is higher than in Poland, but it can be planned sensibly.",
	"Today I work in a profession I had not even considered before I left.",
	"If you are hesitating, come to the Erasmus office and simply ask.",
	"The best advice I got was: \"Speak, even if you make mistakes\".",
	"Looking back, I can see that this semester was a turning point.",
}

var enHeadings = []string{
	"The first weeks", "Classes and exams", "What it cost", "Where I lived", "People",
	"Language", "The hardest part", "Coming back", "What stayed with me", "Advice for those who go",
}

var enItems = []string{
	"a **language tandem**, one hour in each language",
	"a language course for exchange students",
	"a monthly public transport pass",
	"meetings of the ESN student organisation",
	"cooking together in the hall of residence",
	"weekend trips by train",
	"copies of every document in the cloud",
	"the European Health Insurance Card",
	"a second-hand bike",
	"a list of questions for the coordinator",
}

var enLinks = []string{
	"All the rules are on the [Erasmus+ website](https://erasmus-plus.ec.europa.eu/).",
	"Read the [guide for exchange students](https://www.esn.org/) before you go.",
	"The [international office](https://www.example.edu/erasmus/) explains how grades are recognised.",
}

var enTitles = []string{
	"{miasto} taught me courage", "The semester that changed everything", "Finding my way {kraj}",
	"A traineeship at {uczelnia}", "Five months, two languages, one plan", "I came back with a plan",
}

var enQuotes = []string{
	"I learned the most when I stopped being afraid of mistakes.",
	"The exchange showed me that I can manage anywhere.",
	"The friendships from that semester last to this day.",
	"It was the best and the hardest time of my studies.",
}

const enPhotoAlt = "Illustration in place of a photo: the outline of a head and shoulders on a light background."
