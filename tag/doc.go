// Package tag applies the topic rules of config.yaml to items: it decides
// which tags an item gets, by how relevant each topic is to it, and
// records why.
//
// New compiles the rules into an Engine, which implements tagfeed.Tagger.
// Engine.Tag returns the tags that apply to an item; Engine.Explain
// returns every tag some term of which was found, applied or not, with
// its score. Engine.CheckExamples runs the rules' examples and
// Engine.Evaluate measures the rules against a labelled set. Normalize,
// Fold and FoldDiacritics show the text as the matcher sees it.
//
// The rest of this comment is the reference for the rules' semantics.
//
// # Normalization
//
// Item text and rule terms are normalized the same way before they are
// compared:
//
//  1. HTML is removed from item fields: tags are dropped, the contents of
//     script and style elements and comments too, and character references
//     (&amp;, &nbsp;, &#225;, &#x1EAB;) are decoded. A tag that sets text
//     apart (p, br, div, li, td, img, …) reads as a space; an inline one
//     (b, i, a, span, em, strong, …) vanishes, so "bán <b>dẫn</b>" reads
//     "bán dẫn" and "chip<i>s</i>" reads "chips". A < that starts no tag and
//     an & that starts no reference are text ("R&D", "a < b").
//  2. Unicode NFC, so decomposed text (a + U+0301) matches precomposed (á).
//  3. Vietnamese tone placement is unified: in an open syllable ending in
//     oa, oe or uy the tone mark goes on the first vowel, so hoà ≡ hòa,
//     hoá ≡ hóa, khoẻ ≡ khỏe, thuỷ ≡ thủy, uỷ ≡ ủy, tuỳ ≡ tùy. Syllables
//     with a final consonant (hoàn, khuyến) or starting with qu (quý) are
//     written one way only and stay as they are.
//  4. Ð (U+00D0, which text converted from old Vietnamese encodings uses)
//     reads as Đ; invisible characters (soft hyphen, zero-width space and
//     joiners, byte order mark) are removed.
//  5. Every run of white space, _ (the word joiner of word-segmented text,
//     Việt_Nam), non-breaking and other Unicode spaces, line breaks and
//     control characters becomes one space; none is left at either end.
//
// Unless a term is case-sensitive, case is then folded (simple Unicode case
// folding, including Đ → đ and capitals with diacritics: Ố → ố). For every
// term, a hyphen between two letters or digits reads as a space, so "blue
// chip" also finds "blue-chip" and "GPT-4" also finds "GPT 4". For a tag
// with fold_diacritics: true, diacritics are removed as well (tiếng Việt →
// tieng viet, đ → d, ư → u, combining marks dropped).
//
// # Whole words
//
// Letters, digits and combining marks of any script are word characters;
// everything else separates words. A term that starts with a word
// character matches only where the text before it does not end in one, and
// a term that ends with a word character only where the text after it does
// not start with one. So AI is not found in Thái, OpenAI, AIs or AI2, but
// is found in AI-powered, AI's and (AI). Vietnamese writes each syllable as
// a word, so a term also matches syllables that belong to a longer word:
// "học máy" (machine learning) is found in "khoa học máy tính" (computer
// science) and "giá điện" (electricity price) in "giá điện thoại" (phone
// price); list such words as other senses, or choose longer terms. Scripts written without spaces
// (Chinese, Japanese, Thai) have no word breaks inside a run of letters.
//
// # Rules
//
// A term is matched ignoring case, unless it is case-sensitive: listed in
// case_sensitive, or written {term: X, case_sensitive: true} in any list.
// A trailing * matches any word ending: chip* finds chip, chips and
// chipmaker. The * must follow a letter or digit and may only end a term.
//
//   - keywords and case_sensitive terms are strong signs of the topic.
//   - weak terms are signs that may mean something else ("chip",
//     "năng lượng").
//   - context terms count only when a strong or weak term of the rule was
//     found too (Intel beside "chip").
//   - against terms are signs that the item is about something else (a
//     phone's spec sheet); they take points away.
//   - other_senses are phrases in which a term of the rule means something
//     else ("Ai Cập", Egypt, for AI): a hit of a term that overlaps one
//     does not count, and is reported as cancelled. Nothing else changes.
//   - exclude terms veto the tag wherever they are found in a field the
//     rule looks at.
//   - regex: RE2 patterns (https://github.com/google/re2/wiki/Syntax), put
//     in NFC, run on the text after normalization steps 1–5: case kept,
//     hyphens kept, tone marks unified (write hòa, thủy). They are not tied
//     to word boundaries; note that \b knows only ASCII letters. Use (?i)
//     to ignore case. Each non-overlapping, non-empty match is a hit of a
//     strong sign. Other senses do not cancel them.
//   - fields: which of title, summary, content and author the rule looks
//     at; all of them by default.
//   - fold_diacritics: the tag's terms also match text written without
//     diacritics. Off by default, because in Vietnamese diacritics change
//     the word (bán dẫn, "semiconductor"; bạn dân, "friend of the people").
//   - threshold: the score that applies the tag; 0 or absent means
//     tagfeed.DefaultThreshold (6).
//   - examples: texts that must (tagged) or must not (not_tagged) get the
//     tag, read as article files are read.
//
// # Places
//
// An item is read in three places. The headline is its title. The lead is
// its summary, unless the content starts by repeating it; then, or when
// there is no summary, the lead is the content's first paragraph (up to
// the first tag that sets text apart, such as </p> or <br>, or the first
// line break), and in both cases at most its first 60 words. The body is
// the rest of the content and the author. A lead the content repeats
// counts once. The body's length, in words, scales body hits.
//
// # The relevance score
//
// Each distinct term of a rule found in an item adds points by its role
// and its places (see the comment on MaxBodyHits for the table): a strong
// term 9 for the headline, 6 for the lead and 3 for each of its first
// MaxBodyHits body hits; a weak, context or against term a third of that
// for the headline and the lead and a sixth for body hits, capped at
// WeakCap. Body hits are multiplied by √(ReferenceWords / body words), at
// most 1. A strong or weak term that is one of two to MaxAgendaItems items
// of a list after an agenda cue (see AgendaCues) in its sentence adds
// AgendaPoints. Context terms add nothing without a strong or weak term
// beside them. Against terms subtract their points when they were hit at
// least twice in all. Each term's points are rounded to one decimal, and
// the score is their sum. The tag applies when the score reaches the
// threshold and no exclude term was found.
//
// Hits of one tag that overlap count once: the leftmost wins, then the
// longest, so with both "bán dẫn" and "chất bán dẫn" configured, "chất
// bán dẫn" in the text counts once, as "chất bán dẫn". A term listed
// twice in one role counts once. Regex matches count on their own.
//
// # Explanations
//
// Every tag comes with its score and threshold, the body's length, each
// term's points with its role, its hits in each place, whether it was an
// agenda item and why it counts less than its hits if it does (capped, no
// other sign of the topic, the only sign against), the hits cancelled as
// other senses, and, as Matches, the terms that counted by field. Tags are
// sorted by name, terms by points, the most first, and matches by field
// (title, summary, content, author) and then by term.
//
// # Errors and changes
//
// New rejects a rule with an empty term, a term with nothing left to match
// once normalized, a misplaced *, a bad or empty regex, an unknown field, a
// negative threshold, an empty example, or no keywords, case_sensitive,
// weak terms or regex. Each
// problem is a *tagfeed.ConfigError whose Key names the tag and the term,
// such as tags.ai.keywords[2].
//
// RulesHash digests the rules (not their titles, descriptions and
// examples), the engine's Version, the score's constants, the agenda cues
// and the Unicode tables. When it differs from the hash stored with the
// items, the items are tagged again.
//
// # Speed
//
// Each field of an item is normalized once, in one pass, and then scanned
// once by an Aho–Corasick automaton (a DFA over byte classes) built from
// every term of every tag and the agenda cues, so the time grows with the
// length of the text, not with the number of terms. Places, senses,
// context and agenda lists are worked out from the hits alone, after the
// scan. Terms that start with a letter or digit
// are anchored at word starts inside the automaton. A second scan is made
// only for tags with fold_diacritics, and each regex is one more pass. Only
// the first 256 MiB of a field are matched. An Engine is safe for use by
// many goroutines at once; its working memory is pooled.
package tag
