/* The document: the data of every stage, each stage owning its own part.
 * Not installed. */
#ifndef VN_PIPELINE_DOC_H
#define VN_PIPELINE_DOC_H
#include "entities/dates.h"
#include "entities/entities.h"
#include "lexicon/lexicon.h"
#include "pipeline/model.h"
#include "relations/relations.h"
#include "rules/rules.h"
#include "text/text.h"
#include "tokens/tokens.h"

struct vnner_doc {
    vn_text text;            /* stage 1 */
    vn_tokens tk;            /* stage 2 */
    vn_tags tags;            /* stage 3 */
    vn_cands cands;          /* stage 4 */
    vn_ents ents;            /* stage 5 */
    vn_pubdate pub;          /* stage 5: the publication date */
    vn_rels rels;            /* stage 6 */
    const vnner_model *model;
    const char *source;      /* the caller's, as the text: where the document comes from, or NULL */
    int annotated;           /* the last vnner_doc_annotate succeeded: its results are whole */
};

/* The read-only view of D's analysed text that stages 4 to 6 take. */
vn_view vn_doc_view(const vnner_doc *d);

#endif
