// Package story groups items that report the same specific event into
// stories, as they are stored, so that a reader can see each story once.
//
// An item is read as a bag of its words and word pairs: its title and
// the first words of its text, normalized as the tagger reads them
// (HTML gone, Unicode NFC, Vietnamese tone marks in one place, "_" read as
// a space, case folded, diacritics kept). Each word and pair weighs by
// how often the item uses it and how rare it is among the items in the
// index (TF-IDF), and two items are as alike as the cosine of their
// weights. An item joins the story of the most alike item within the time
// window when that similarity reaches the threshold, and starts a story of
// its own otherwise.
//
// One more rule keeps apart what word statistics cannot: reports of the
// same kind on different days (the weather, gold prices, a daily column)
// share most of their words. Their leads say which day they are about
// ("Chiều 21/6", "hôm nay (17/6)"). When both leads name a day and the
// days differ, the items are two stories, however alike their words.
//
// Why not MinHash or SimHash over shingles: on the hand-labelled pairs of
// ../shared/vnnews/stories.json, shingle Jaccard cannot tell same-story
// rewrites (0.06 to 0.2) from different stories of a kind (0.2 to 0.35),
// while TF-IDF cosine of words and pairs with the lead-day rule separates
// them (see eval_test.go). The index is kept here rather than in a search
// library because it must weigh terms by the items of the window alone and
// answer one item at a time as it arrives.
package story
