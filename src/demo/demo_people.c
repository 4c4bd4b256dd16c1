/* demo_people.c - the demo centre's teams and agents.
 *
 * Teams carry Chinese or English names ('华东一组', 'East 1'), agents Chinese or English
 * names ('王伟', 'Emily Chen'), unique within a database. Agents differ in skill, effort,
 * courtesy and complaint propensity so that rankings mean something; some are hired during
 * the covered months and some leave (left_on), and the simulation never gives an agent work
 * outside their employment. Employee numbers follow hiring order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectkpi/datetime.h"
#include "demo_internal.h"

static const char *const zh_surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
};
static const char *const zh_given[] = {
    "伟",   "芳",   "娜",   "秀英", "敏",   "静",   "丽",   "强",   "磊",   "军",
    "洋",   "勇",   "艳",   "杰",   "娟",   "涛",   "明",   "超",   "秀兰", "霞",
    "平",   "刚",   "桂英", "婷",   "浩",   "宇",   "欣怡", "子涵", "晨",   "博文",
    "佳怡", "思远", "雨桐", "俊杰", "梓萱", "志强", "海燕", "建华", "丹",   "鑫",
};
static const char *const en_first[] = {
    "Emily",  "James",   "Olivia", "Daniel", "Sophia", "Michael", "Grace", "David",  "Chloe",
    "Kevin",  "Jessica", "Ryan",   "Amy",    "Jason",  "Lucy",    "Eric",  "Hannah", "Brian",
    "Vivian", "Tony",    "Cindy",  "Peter",  "Helen",  "Frank",   "Irene", "Steven", "Alice",
    "Victor", "Nancy",   "Henry",  "Karen",  "Simon",  "Rachel",  "Leo",   "Fiona",  "Oscar",
};
static const char *const en_last[] = {
    "Chen",  "Wang",  "Li",     "Zhang",  "Liu",    "Lin",    "Huang", "Wu",
    "Zhou",  "Ho",    "Lam",    "Wong",   "Cheung", "Ng",     "Tan",   "Lee",
    "Smith", "Brown", "Taylor", "Walker", "Clarke", "Hughes", "Evans", "Turner",
};
static const char *const region_zh[] = {"华东", "华南", "华北", "华中", "西南", "西北", "东北"};
static const char *const region_en[] = {"East",      "South",     "North",    "Central",
                                        "Southwest", "Northwest", "Northeast"};
static const char *const group_zh[] = {"一组", "二组", "三组", "四组",
                                       "五组", "六组", "七组", "八组"};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A random permutation of 0..n-1 (Fisher-Yates). */
static int *shuffled(demo_rng *rng, int n)
{
    int *order = malloc((size_t)n * sizeof *order);
    if (order == NULL)
        return NULL;
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)demo_rng_below(rng, i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    return order;
}

/* Team i: even ones Chinese, odd ones English, regions before group numbers. */
static void team_name(int i, char *out, size_t size)
{
    int region = (i / 2) % COUNT(region_zh);
    int group = (i / 2) / COUNT(region_zh);
    if (i % 2 == 0)
        snprintf(out, size, "%s%s", region_zh[region], group_zh[group % COUNT(group_zh)]);
    else
        snprintf(out, size, "%s %d", region_en[region], group + 1);
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* Hiring draws, sorted by day so employee numbers follow hiring order. */
typedef struct hire {
    int64_t day;
    int index;
} hire;

static int hire_cmp(const void *a, const void *b)
{
    const hire *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

ck_error demo_people_create(demo_world *world, int team_count, int agent_count)
{
    demo_rng *rng = &world->rng;
    ck_error err = CK_ERR_NOMEM;
    int *zh_order = NULL, *en_order = NULL, *team_order = NULL;
    hire *hires = NULL;
    int64_t start_day = datetime_day_of(world->data_start);
    int64_t end_day = datetime_day_of(world->data_end) - 1; /* last covered day */

    world->team_count = team_count;
    world->agent_count = agent_count;
    world->teams = calloc((size_t)team_count + 1, sizeof *world->teams);
    world->agents = calloc((size_t)agent_count + 1, sizeof *world->agents);
    zh_order = shuffled(rng, COUNT(zh_surnames) * COUNT(zh_given));
    en_order = shuffled(rng, COUNT(en_first) * COUNT(en_last));
    team_order = shuffled(rng, team_count);
    hires = malloc((size_t)agent_count * sizeof *hires);
    if (world->teams == NULL || world->agents == NULL || zh_order == NULL || en_order == NULL ||
        team_order == NULL || hires == NULL)
        goto done;

    for (int t = 1; t <= team_count; t++) {
        team_name(t - 1, world->teams[t].name, sizeof world->teams[t].name);
        world->teams[t].members = malloc((size_t)agent_count * sizeof(int32_t));
        if (world->teams[t].members == NULL)
            goto done;
    }

    /* About one agent in eight is hired during the covered months; the rest were there
     * before it began (up to eight years before). */
    int in_window = agent_count / 8 > 0 ? agent_count / 8 : 1;
    for (int i = 0; i < agent_count; i++) {
        hires[i].index = i;
        if (i < agent_count - in_window)
            hires[i].day = start_day - demo_rng_range(rng, 20, 3000);
        else
            hires[i].day = demo_rng_range(rng, start_day + 10, end_day - 45);
    }
    qsort(hires, (size_t)agent_count, sizeof *hires, hire_cmp);

    int zh_next = 0, en_next = 0;
    for (int i = 1; i <= agent_count; i++) {
        demo_agent *a = &world->agents[i];
        a->hired_day = hires[i - 1].day;
        a->left_day = DEMO_NEVER;
        a->leave_at = DEMO_NEVER;
        a->team_id = team_order[(i - 1) % team_count] + 1;
        demo_team *team = &world->teams[a->team_id];
        team->members[team->member_count++] = i;
        snprintf(a->employee_no, sizeof a->employee_no, "E%04d", i % 10000);
        bool chinese = demo_rng_chance(rng, 0.65);
        if (chinese && zh_next >= COUNT(zh_surnames) * COUNT(zh_given))
            chinese = false;
        if (chinese) {
            int k = zh_order[zh_next++];
            snprintf(a->name, sizeof a->name, "%s%s", zh_surnames[k / COUNT(zh_given)],
                     zh_given[k % COUNT(zh_given)]);
        } else {
            int k = en_order[en_next++ % (COUNT(en_first) * COUNT(en_last))];
            snprintf(a->name, sizeof a->name, "%s %s", en_first[k / COUNT(en_last)],
                     en_last[k % COUNT(en_last)]);
        }
        a->skill = clamp(1.0 + 0.25 * demo_rng_gauss(rng), 0.5, 1.6);
        a->effort = clamp(1.0 + 0.15 * demo_rng_gauss(rng), 0.7, 1.3);
        a->courtesy = clamp(1.0 + 0.2 * demo_rng_gauss(rng), 0.6, 1.4);
        /* A few agents draw most of the complaints. */
        a->aggression = demo_rng_chance(rng, 0.1) ? demo_rng_range(rng, 30, 60) / 10.0
                                                  : demo_rng_range(rng, 4, 14) / 10.0;
        /* A few agents have a habit the contact rules catch, spread over the hiring order
         * so that every month has some of each at work. */
        a->habits = (i % 11 == 4 ? DEMO_HABIT_LATE : 0u) | (i % 13 == 6 ? DEMO_HABIT_REDIAL : 0u) |
                    (i % 17 == 9 ? DEMO_HABIT_RELATIVES : 0u);
    }

    /* About one agent in eight leaves during the covered months (at least one), never
     * sooner than two months after being hired. */
    int leavers = agent_count / 8 > 0 ? agent_count / 8 : 1;
    for (int tries = 0; leavers > 0 && tries < agent_count * 20; tries++) {
        demo_agent *a = &world->agents[demo_rng_range(rng, 1, agent_count)];
        int64_t first = a->hired_day + 60 > start_day + 15 ? a->hired_day + 60 : start_day + 15;
        if (a->left_day != DEMO_NEVER || first > end_day - 2)
            continue;
        a->left_day = demo_rng_range(rng, first, end_day - 2);
        a->leave_at = a->left_day * DEMO_DAY + 18 * DEMO_HOUR;
        leavers--;
    }
    err = CK_OK;
done:
    free(zh_order);
    free(en_order);
    free(team_order);
    free(hires);
    return err;
}

void demo_people_free(demo_world *world)
{
    if (world->teams != NULL)
        for (int t = 1; t <= world->team_count; t++)
            free(world->teams[t].members);
    free(world->teams);
    free(world->agents);
    world->teams = NULL;
    world->agents = NULL;
}

static bool can_take(const demo_world *world, int32_t id, int64_t day, int64_t month_end_day,
                     int32_t not_agent)
{
    const demo_agent *a = &world->agents[id];
    return id != not_agent && a->hired_day <= day && a->left_day >= month_end_day;
}

int32_t demo_people_pick(demo_world *world, int64_t t, int month, int32_t team_id,
                         int32_t not_agent)
{
    demo_rng *rng = &world->rng;
    int64_t day = datetime_day_of(t);
    /* Someone leaving this month takes no new cases: their handover is planned already. */
    int64_t month_end_day = datetime_day_of(world->month_start[month + 1]);
    const demo_team *team = team_id > 0 ? &world->teams[team_id] : NULL;
    int32_t found[2] = {0, 0};
    int n = 0;
    /* Two eligible candidates, the lighter load wins ("power of two choices"). */
    for (int tries = 0; tries < 24 && n < 2; tries++) {
        int32_t id;
        if (team != NULL && team->member_count > 0 && tries < 12)
            id = team->members[demo_rng_below(rng, team->member_count)];
        else
            id = (int32_t)demo_rng_range(rng, 1, world->agent_count);
        if (can_take(world, id, day, month_end_day, not_agent) && (n == 0 || id != found[0]))
            found[n++] = id;
    }
    if (n == 0) {
        int32_t first = (int32_t)demo_rng_range(rng, 1, world->agent_count);
        for (int32_t k = 0; k < world->agent_count; k++) {
            int32_t id = (first - 1 + k) % world->agent_count + 1;
            if (can_take(world, id, day, month_end_day, not_agent))
                return id;
        }
        return 0;
    }
    if (n == 2 && world->agents[found[1]].load < world->agents[found[0]].load)
        return found[1];
    return found[0];
}
