/* Calendar arithmetic on proleptic Gregorian dates: day numbers (days since
 * 1970-01-01) and back, validity, and the partial ISO dates the store keeps. */
#include <stdio.h>
#include <string.h>
#include "util/date.h"

int vn_date_valid(int y, int m, int d)
{
    static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > dm[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

long vn_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void vn_date_add_days(int *y, int *m, int *d, int delta)
{
    civil_from_days(vn_days(*y, *m, *d) + delta, y, m, d);
}

void vn_days_format(long days, char out[16])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

int vn_date_parse(const char *s, int last, long *days)
{
    int y = 0, m = 0, d = 0;
    size_t n = s ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10)
        return -1;
    for (size_t i = 0; i < n; i++) /* exactly YYYY, YYYY-MM or YYYY-MM-DD */
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    for (size_t i = 0; i < 4; i++) /* the digits are checked above: read them without sscanf (every gazetteer date) */
        y = y * 10 + (s[i] - '0');
    if (n >= 7)
        m = (s[5] - '0') * 10 + (s[6] - '0');
    if (n == 10)
        d = (s[8] - '0') * 10 + (s[9] - '0');
    if (n == 4)
        m = last ? 12 : 1;
    if (n <= 7) {
        static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (m < 1 || m > 12)
            return -1;
        d = last ? dm[m - 1] : 1;
        if (last && m == 2 && !vn_date_valid(y, 2, 29))
            d = 28;
    }
    if (!vn_date_valid(y, m, d))
        return -1;
    *days = vn_days(y, m, d);
    return 0;
}
