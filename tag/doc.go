// Package tag applies the topic rules of config.yaml to items: it decides
// which tags an item gets and records why.
//
// New compiles the rules into an Engine, which implements tagfeed.Tagger.
// Engine.Tag tags an item; Engine.TagText tags a plain text with a title
// and a body, as `tagfeed tag` does with a file. Normalize, Fold and
// FoldDiacritics show the text as the matcher sees it.
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
// For keywords and exclude terms, case is then folded (simple Unicode case
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
// price); choose terms accordingly. Scripts written without spaces
// (Chinese, Japanese, Thai) have no word breaks inside a run of letters.
//
// # Rules
//
//   - keywords: matched ignoring case.
//   - case_sensitive: matched exactly, for acronyms that are also words
//     (AI, not the question word Ai; NIC, not Nic).
//   - A trailing * matches any word ending: chip* finds chip, chips and
//     chipmaker. The * must follow a letter or digit and may only end a
//     term. It applies to keywords, case_sensitive and exclude terms.
//   - exclude: matched like keywords. If any exclude term occurs in a field
//     the tag looks at, the item does not get the tag, whatever else
//     matched.
//   - regex: RE2 patterns (https://github.com/google/re2/wiki/Syntax), put
//     in NFC, run on the text after normalization steps 1–5: case kept,
//     hyphens kept, tone marks unified (write hòa, thủy). They are not tied
//     to word boundaries; note that \b knows only ASCII letters. Use (?i)
//     to ignore case. Each non-overlapping, non-empty match counts as a
//     hit.
//   - fields: which of title, summary, content and author the rule looks
//     at; all of them by default.
//   - fold_diacritics: the tag's terms also match text written without
//     diacritics. Off by default, because in Vietnamese diacritics change
//     the word (bán dẫn, "semiconductor"; bạn dân, "friend of the people").
//   - min_score: the least score that applies the tag; 0 or absent means 1,
//     so any hit tags.
//
// # Scores and explanations
//
// Each hit counts its field's weight: TitleWeight (3) in the title,
// BodyWeight (1) in the summary, the content or the author. A tag's score
// is the sum. Hits of one tag that overlap count once: the leftmost wins,
// then the longest, so with both "bán dẫn" and "chất bán dẫn" configured,
// "chất bán dẫn" in the text counts once, as "chất bán dẫn". A term listed
// twice counts once. Regex matches count on their own.
//
// Every tag applied comes with its score and what matched: each term as
// configured, the field it matched in, and how many times. Tags are sorted
// by name, matches by field (title, summary, content, author) and then by
// term.
//
// # Errors and changes
//
// New rejects a rule with an empty term, a term with nothing left to match
// once normalized, a misplaced *, a bad or empty regex, an unknown field, a
// negative min_score, or no keywords, case_sensitive terms or regex. Each
// problem is a *tagfeed.ConfigError whose Key names the tag and the term,
// such as tags.ai.keywords[2].
//
// RulesHash digests the rules (not their titles and descriptions), the
// engine's Version and the Unicode tables. When it differs from the hash
// stored with the items, the items are tagged again.
//
// # Speed
//
// Each field of an item is normalized once, in one pass, and then scanned
// once by an Aho–Corasick automaton (a DFA over byte classes) built from
// every term of every tag, so the time grows with the length of the text,
// not with the number of terms. Terms that start with a letter or digit
// are anchored at word starts inside the automaton. A second scan is made
// only for tags with fold_diacritics, and each regex is one more pass. Only
// the first 256 MiB of a field are matched. An Engine is safe for use by
// many goroutines at once; its working memory is pooled.
package tag
