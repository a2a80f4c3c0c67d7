/* Per-code-point tables for U+0000..U+1FFF (generated: see ner/tools/gentables.c). */
#ifndef VNNER_UNITAB_H
#define VNNER_UNITAB_H
#include <stdint.h>

#define VN_TAB_N 0x2000
#define VN_F_LETTER 1
#define VN_F_UPPER 2
#define VN_F_MARK 4
#define VN_F_DIGIT 8
#define VN_F_STABLE 16
#define VN_F_SPACE 32

extern const uint16_t vn_lower_tab[VN_TAB_N];
extern const uint8_t vn_flag_tab[VN_TAB_N];
extern const uint16_t vn_tone_base_tab[VN_TAB_N]; /* lower-case letter without its tone mark, 0 if none */
extern const uint8_t vn_tone_tab[VN_TAB_N];       /* 1 grave, 2 acute, 3 tilde, 4 hook, 5 dot below */

#endif
