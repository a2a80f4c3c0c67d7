/* The model: the gazetteer and the rules, loaded once, then shared read-only
 * by every document and thread.  Not installed. */
#ifndef VN_PIPELINE_MODEL_H
#define VN_PIPELINE_MODEL_H
#include "lexicon/lexicon.h"
#include "rules/rules.h"

struct vnner_model {
    vn_gaz *gaz;
    vn_rules *rules;
    char *datadir;
    char *data_version;     /* first line of DATADIR/gazetteer/VERSION, or NULL: "unknown" */
};

#endif
