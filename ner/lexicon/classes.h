/* The token-class alphabet, in one place: every symbol the tag string can
 * hold (the rules in models/ match over it), and every gazetteer class with
 * the symbol its matches show.  C code names symbols by these constants,
 * never by their letters.  Not installed. */
#ifndef VN_LEXICON_CLASSES_H
#define VN_LEXICON_CLASSES_H

/* X(NAME, letter, what it marks; gazetteer/README.md gives the words).  Gazetteer classes first, then shapes of
 * tokens no entry matched, then punctuation, then marks the tagger adds. */
#define VN_SYMBOL_TABLE(X)                                                         \
    X(NEGATIVE, 'X', "a phrase that is never an entity")                           \
    X(TITLE_ALONE, 'A', "a title that is a post by itself")           \
    X(TITLE, 'T', "a title that takes a body")                            \
    X(BODY, 'B', "a body, or an area body")                              \
    X(BODY_LOCAL, 'O', "a local body")                                \
    X(SUBBODY, 'U', "a part of a body")                            \
    X(BODY_WEAK, 'W', "a body word that needs a name after it")                   \
    X(BODY_HEAD, 'G', "the head of an unlisted body")             \
    X(PLACE, 'P', "a listed place")                                                \
    X(LEVEL, 'L', "a unit word of a province or city")                                 \
    X(LEVEL_LOCAL, 'l', "a unit word below a province")                          \
    X(MIDDLE_NAME, 'F', "a middle name")                                \
    X(SURNAME, 'S', "a surname")                                                   \
    X(HONORIFIC, 'H', "a word of address before a name")                                         \
    X(RANK, 'K', "a military or police rank, a degree")                            \
    X(EVENT_HEAD, 'E', "the head word of an event")                     \
    X(DATE_PREFIX, 'M', "a word before a date")                       \
    X(MONTH_WORD, 'n', "the word for month")                                                    \
    X(YEAR_WORD, 'y', "the word for year")                                                       \
    X(REL_DAY, 'r', "a relative day")                                    \
    X(TERM_WORD, 'Z', "the word for a term of office")                                            \
    X(PERIOD_WORD, 'z', "the word for a period")                                               \
    X(OF, 'c', "the word for of")                                                              \
    X(AT, 'a', "the word for at")                                                              \
    X(QUALIFIER, 'q', "a qualifier of a post (former, acting, new)")                                        \
    X(ORDINAL, 'o', "an ordinal word")                                                \
    X(CUE, 'v', "a cue word of a relation (roles, posts, awards, stops)")          \
    X(LOWER, 'w', "a lower-case word")                                             \
    X(CAP, 'C', "a capitalised word")                                              \
    X(ALLCAPS, 'J', "a word in capitals")                                          \
    X(ROMAN, 'R', "a Roman numeral")                                               \
    X(NUM, 'N', "a number")                                                        \
    X(YEAR, 'Y', "a year (1900-2100)")                                             \
    X(DATE, 'D', "a full date (29/9/2023, 2024-01-12)")                            \
    X(YEARS, 'I', "a span of years (2020-2025)")                                   \
    X(MONTH_YEAR, 'm', "a month and year (9/2023)")                                \
    X(DAY_MONTH, 'd', "a day and month (29/9)")                                    \
    X(NEWLINE, '|', "a line break")                                                \
    X(COMMA, ',', "")                                                              \
    X(SEMICOLON, ';', "")                                                          \
    X(COLON, ':', "")                                                              \
    X(PERIOD, '.', "")                                                             \
    X(DASH, '-', "any dash")                                                       \
    X(LPAREN, '(', "")                                                             \
    X(RPAREN, ')', "")                                                             \
    X(QUOTE, '"', "any double quote")                                              \
    X(APOSTROPHE, '\'', "")                                                        \
    X(SLASH, '/', "")                                                              \
    X(AMPERSAND, '&', "")                                                          \
    X(EXCLAMATION, '!', "")                                                        \
    X(QUESTION, '?', "")                                                           \
    X(OTHER_PUNCT, '#', "other punctuation")                                       \
    X(INSIDE, '_', "a token inside the match that starts before it")               \
    X(ATTACHED_DOT, '~', "a dot that does not end a sentence: after an abbreviation, or a unit word before a place")

enum {
#define VN_SYM_ENUM(name, letter, what) VN_S_##name = letter,
    VN_SYMBOL_TABLE(VN_SYM_ENUM)
#undef VN_SYM_ENUM
};

/* X(CLASS, symbol): the gazetteer classes, in the order that breaks ties
 * between entries of the same surface (earlier wins). */
#define VN_CLASS_TABLE(X)                                                          \
    X(NEGATIVE, NEGATIVE) X(TITLE_ALONE, TITLE_ALONE) X(TITLE, TITLE) X(BODY, BODY) \
    X(BODY_AREA, BODY) X(BODY_LOCAL, BODY_LOCAL) X(SUBBODY, SUBBODY)                \
    X(BODY_WEAK, BODY_WEAK) X(BODY_HEAD, BODY_HEAD) X(PLACE, PLACE) X(LEVEL, LEVEL)  \
    X(LEVEL_LOCAL, LEVEL_LOCAL) X(SURNAME, SURNAME) X(MIDDLE_NAME, MIDDLE_NAME)     \
    X(HONORIFIC, HONORIFIC) X(RANK, RANK) X(EVENT_HEAD, EVENT_HEAD)                 \
    X(DATE_PREFIX, DATE_PREFIX) X(MONTH_WORD, MONTH_WORD) X(YEAR_WORD, YEAR_WORD)   \
    X(REL_DAY, REL_DAY) X(TERM_WORD, TERM_WORD) X(PERIOD_WORD, PERIOD_WORD)         \
    X(OF, OF) X(AT, AT) X(QUALIFIER, QUALIFIER) X(ORDINAL, ORDINAL) X(STOP, CUE)     \
    X(ROLE, CUE) X(POST_START, CUE) X(POST_END, CUE) X(ELECT, CUE) X(POST_PAST, CUE)  \
    X(AWARD_GIVE, CUE) X(AWARD_GET, CUE) X(AWARD, CUE) X(TOWARD, CUE) X(WORD, LOWER) \
    X(ABBR, NONE) X(COLLECTIVE, NONE) X(SINCE, NONE) X(LEAVE, NONE) X(TRANSFER, NONE)  \
    X(AND, NONE) X(OWNER, NONE) X(PLURAL, NONE) X(BY, NONE) X(PASSIVE, NONE) X(TO, NONE) X(PROXY, NONE) X(DOT_ABBR, NONE) \
    X(PHOTO, NONE) X(KEY_ALIAS, NONE) X(UNIT_NAME, NONE) X(OLD_UNIT, NONE)

/* Classes of symbol NONE are attributes, never a match: ABBR expands
 * abbreviations, COLLECTIVE marks titles that several hold at once, SINCE,
 * LEAVE and TRANSFER are cue words the relations test for by class, UNIT_NAME
 * names a district or commune (a place only after its unit word), and the
 * function words from AND to PROXY are what relation rules test with in:. */
#define VN_S_NONE 0

typedef enum {
#define VN_CLASS_ENUM(cls, sym) VN_C_##cls,
    VN_CLASS_TABLE(VN_CLASS_ENUM)
#undef VN_CLASS_ENUM
    VN_NCLASSES
} vn_class;
_Static_assert(VN_NCLASSES <= 64, "the per-token class mask is 64 bits");

/* The symbol a match of class C shows in the tag string; 0 for ABBR. */
char vn_class_sym(vn_class c);
/* The class named S (N bytes), or -1. */
int vn_class_from_name(const char *s, size_t n);

#endif
