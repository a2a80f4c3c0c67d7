/* A program outside the project, built against an installed vnner (with
 * pkg-config or find_package): it must compile with the installed headers only,
 * link, find the installed data and annotate.
 * usage: consumer VERSION DATA_VERSION   (the model's folder: $VNNER_DATADIR) */
#include <stdio.h>
#include <string.h>
#include <vnner.h>

static const char sentence[] = "Ông Nguyễn Văn An, Bí thư Tỉnh ủy Nghệ An, dự hội nghị.";
static const char person[] = "Nguyễn Văn An";

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: consumer VERSION DATA_VERSION\n");
        return 2;
    }
    int bad = 0;
    if (strcmp(vnner_version_string(), argv[1])) {
        fprintf(stderr, "vnner_version_string() is '%s', not '%s'\n", vnner_version_string(), argv[1]);
        bad = 1;
    }
    if (strcmp(VNNER_VERSION, argv[1])) {
        fprintf(stderr, "the installed header says %s, not %s\n", VNNER_VERSION, argv[1]);
        bad = 1;
    }

    vnner_model *m;
    vnner_doc *d = NULL;
    vnner_error err;
    if (vnner_model_load(&m, NULL, NULL, 0, &err)) {
        fprintf(stderr, "cannot load the model from %s: %s\n", vnner_default_datadir(), err.message);
        return 1;
    }
    if (strcmp(vnner_model_data_version(m), argv[2])) {
        fprintf(stderr, "data version '%s', not '%s'\n", vnner_model_data_version(m), argv[2]);
        bad = 1;
    }
    vnner_annotate_options opts = VNNER_ANNOTATE_OPTIONS_INIT;
    if (vnner_doc_new(&d) || vnner_doc_annotate(d, m, sentence, strlen(sentence), &opts, &err)) {
        fprintf(stderr, "cannot annotate: %s\n", err.message);
        bad = 1;
    } else {
        int found = 0;
        for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
            const vnner_entity *e = vnner_doc_entity(d, i);
            if (e->type == VNNER_PERSON && e->bend - e->bstart == strlen(person) &&
                !memcmp(sentence + e->bstart, person, strlen(person)))
                found = 1;
        }
        if (!found) {
            fprintf(stderr, "no PERSON '%s' in '%s'\n", person, sentence);
            bad = 1;
        }
    }
    vnner_doc_free(d);
    vnner_model_free(m);
    if (!bad)
        printf("consumer: vnner %s, data %s: found %s\n", argv[1], argv[2], person);
    return bad;
}
