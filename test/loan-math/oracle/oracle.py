#!/usr/bin/env python3
"""An independent model of the loan math, written from the definitions in
server/engine/loan-math/README.md and docs/design-changes.md, not from the engine's code: Python
`decimal` (60 digits) and `fractions` for the schedule, and the APR found by bisection with exact
rational tie checks. Used two ways:

  python3 oracle.py generate N SEED > cases.json   # N random loans (and the edge cases below)
  python3 oracle.py compare cases.json results.json  # results.json from engine-results.ts

It prints how many loans match the engine on every row, total and APR, and the first mismatches.
"""
import calendar, json, random, sys
from datetime import date, timedelta
from decimal import Decimal as D, getcontext, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN
from fractions import Fraction as F

getcontext().prec = 60
CENT = D('0.01')

def rnd(x, mode, unit=CENT):
    return (D(x) / unit).quantize(D(1), rounding=mode) * unit

def frac_round(fr, mode, places=2):
    """Round an exact Fraction to `places` decimals with the mode (ties exact)."""
    scaled = fr * 10 ** places
    fl = scaled.numerator // scaled.denominator
    rest = scaled - fl
    if rest > F(1, 2) or (rest == F(1, 2) and (mode == ROUND_HALF_UP or fl % 2 == 1)):
        fl += 1
    return D(fl) / (D(10) ** places)

def add_months(d, m):
    y, mo = divmod(d.month - 1 + m, 12)
    y += d.year; mo += 1
    return date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))

def day_in_month_after(d, m, day):
    y, mo = divmod(d.month - 1 + m, 12)
    y += d.year; mo += 1
    return date(y, mo, min(day, calendar.monthrange(y, mo)[1]))

def is_month_end(d):
    return d.day == calendar.monthrange(d.year, d.month)[1]

def whole_months(a, b):
    m = (b.year - a.year) * 12 + b.month - a.month
    if m < 1: return None
    if add_months(a, m) == b: return m
    if is_month_end(a) and is_month_end(b): return m
    return None

def d30e(a, b):
    d1 = 30 if is_month_end(a) else min(a.day, 30)
    d2 = 30 if is_month_end(b) else min(b.day, 30)
    return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1)

def accrual(a, b, dc):
    """A period's length in years as an exact Fraction."""
    if dc == '30/360':
        m = whole_months(a, b)
        return F(m, 12) if m is not None else F(d30e(a, b), 360)
    return F((b - a).days, 365 if dc == 'ACT/365' else 360)

def periods_of(q):
    step = 3 if q.get('frequency') == 'quarterly' else 1
    dc = q.get('dayCount', '30/360')
    if 'startDate' not in q:
        if q['method'] == 'bullet': return [F(q['termMonths'], 12)], [None]
        return [F(step, 12)] * (q['termMonths'] // step), [None] * (q['termMonths'] // step)
    s = date.fromisoformat(q['startDate'])
    if 'dueDates' in q: dates = [date.fromisoformat(x) for x in q['dueDates']]
    elif q['method'] == 'bullet': dates = [add_months(s, q['termMonths'])]
    elif 'paymentDay' in q: dates = [day_in_month_after(s, (i + 1) * step, q['paymentDay']) for i in range(q['termMonths'] // step)]
    else: dates = [add_months(s, (i + 1) * step) for i in range(q['termMonths'] // step)]
    acc, prev = [], s
    for k, d in enumerate(dates):
        # start + k periods (month-end rule), and between two payment days, is one period of whole
        # months under 30/360 (Jan 29 → Feb 28 → Mar 29), clamped or not; only a payment-day first
        # period and explicit due dates are measured
        regular = 'dueDates' not in q and not ('paymentDay' in q and k == 0)
        months = q['termMonths'] if q['method'] == 'bullet' else step
        acc.append(F(months, 12) if regular and dc == '30/360' else accrual(prev, d, dc)); prev = d
    return acc, dates

def schedule(q):
    mode = ROUND_HALF_EVEN if q.get('rounding', {}).get('mode') == 'HALF_EVEN' else ROUND_HALF_UP
    P = D(q['principal']); rate = F(D(q['annualRate']))
    acc, dates = periods_of(q)
    n = len(acc); step = 3 if q.get('frequency') == 'quarterly' else 1
    m = q['method']; bal = P; rows = []
    interest_of = lambda b, a: frac_round(F(b) * rate * a / 100, mode)
    if m == 'equal-installment':
        i = D(q['annualRate']) * step / 1200
        pmt = P / n if i == 0 else P * i / (1 - (1 + i) ** -n)
        inst = rnd(pmt, mode)
    if m == 'flat':
        total = frac_round(F(P) * rate * sum(acc) / 100, mode)
        share = rnd(total / n, mode)
        if share * (n - 1) > total: share = (total / n).quantize(CENT, rounding=ROUND_DOWN)
        shares = [share] * (n - 1) + [total - share * (n - 1)]
        inst = rnd(P / n + total / n, mode)
    for k in range(n):
        it = shares[k] if m == 'flat' else interest_of(bal, acc[k])
        if k == n - 1: pr = bal
        elif m in ('equal-installment', 'flat'): pr = min(max(inst - it, D(0)), bal)
        elif m == 'equal-principal': pr = min(rnd(P / n, mode), bal)
        else: pr = D(0)
        bal -= pr
        rows.append({'payment': str(pr + it), 'principal': str(pr), 'interest': str(it), 'balance': str(bal)})
    upfront = D(0)
    for fee in q.get('fees', []):
        upfront += D(fee['amount']) if 'amount' in fee else rnd(P * D(fee['percent']) / 100, mode)
    flows = [F(P - upfront)] + [-F(D(r['payment'])) for r in rows]
    # P of the compound figure: the frequency; a bullet or a single period: periods ÷ term in years
    per_year = F(n) / sum(acc) if (m == 'bullet' or n < 2) else F(12, step)
    return rows, apr(flows, acc, per_year)

def npv(flows, acc, y):
    s = flows[-1]
    for k in range(len(flows) - 1, 0, -1):
        s = flows[k - 1] + s / (1 + y * acc[k - 1])
    return s

def apr(flows, acc, per_year):
    """Simple = the annual rate y with Σ CF_k Π (1 + y·a_j)^−1 = 0; compound = (1 + y/P)^P − 1."""
    fl = [D(f.numerator) / D(f.denominator) for f in flows]
    ac = [D(a.numerator) / D(a.denominator) for a in acc]
    lo, hi = D('-0.99') / max(ac), D(10)
    for _ in range(230):
        mid = (lo + hi) / 2
        if npv(fl, ac, mid) < 0: lo = mid
        else: hi = mid
    y = (lo + hi) / 2
    units = y * 1000000
    b = units.to_integral_value(rounding='ROUND_FLOOR') + D('0.5')
    if abs(units - b) < D('1e-20'):  # decide exactly: the sign of the NPV at the boundary
        s = npv(flows, acc, F(b) / 1000000)
        u = b - D('0.5') if s > 0 else b + D('0.5') if s < 0 else (b + D('0.5') if b > 0 else b - D('0.5'))
    else:
        u = units.quantize(D(1), rounding=ROUND_HALF_UP)
    simple = '0.0000' if u == 0 else str((u / 10000).quantize(D('0.0001')))
    pyr = D(per_year.numerator) / D(per_year.denominator)
    c = ((1 + y / pyr) ** pyr - 1) * 100
    c = c.quantize(D('0.0001'), rounding=ROUND_HALF_UP)
    return {'simple': simple, 'compound': '0.0000' if c == 0 else str(c)}

def random_case(r):
    method = r.choice(['equal-installment', 'equal-principal', 'interest-only', 'bullet', 'flat'])
    freq = r.choice(['monthly', 'monthly', 'quarterly'])
    step = 3 if freq == 'quarterly' else 1
    term = step * r.randint(1, 40 // step) if method != 'bullet' else r.randint(1, 36)
    q = {'principal': str(rnd(D(r.randint(100, 500000000)) / 100, ROUND_HALF_UP)), 'annualRate': str(D(r.randint(0, 360000)) / 10000),
         'termMonths': term, 'method': method, 'frequency': freq,
         'rounding': {'mode': r.choice(['HALF_UP', 'HALF_EVEN']), 'unit': '0.01'}}
    if r.random() < 0.75:
        y = r.randint(2020, 2030); mo = r.randint(1, 12)
        q['startDate'] = date(y, mo, r.randint(1, calendar.monthrange(y, mo)[1])).isoformat()
        q['dayCount'] = r.choice(['30/360', 'ACT/360', 'ACT/365'])
        if r.random() < 0.4 and method != 'bullet': q['paymentDay'] = r.randint(1, 31)
    if r.random() < 0.3:
        q['fees'] = [r.choice([{'kind': 'upfront', 'percent': str(D(r.randint(1, 300)) / 100), 'deducted': True},
                               {'kind': 'upfront', 'amount': str(D(r.randint(100, 100000)) / 100)}])]
    return q

EDGE = [
    {'principal': '10000000', 'annualRate': '6.00015', 'method': 'interest-only', 'termMonths': 12},
    {'principal': '10000000', 'annualRate': '6.00045', 'method': 'interest-only', 'termMonths': 12},
    {'principal': '10000000', 'annualRate': '4.35015', 'method': 'interest-only', 'termMonths': 36},
    {'principal': '1.13', 'annualRate': '0', 'method': 'equal-installment', 'termMonths': 2, 'startDate': '2020-01-01', 'paymentDay': 2},
    {'principal': '3001', 'annualRate': '1', 'method': 'flat', 'termMonths': 6},
    {'principal': '100.30', 'annualRate': '10', 'method': 'flat', 'termMonths': 6},
    {'principal': '114180.50', 'annualRate': '6.5', 'method': 'flat', 'termMonths': 24},
    {'principal': '80000', 'annualRate': '4', 'method': 'interest-only', 'dayCount': 'ACT/360', 'startDate': '2026-03-10', 'frequency': 'quarterly',
     'dueDates': ['2026-03-20', '2026-06-20', '2026-09-20', '2026-11-20']},
    {'principal': '48000', 'annualRate': '4.35', 'method': 'interest-only', 'dayCount': 'ACT/360', 'startDate': '2026-03-10', 'frequency': 'quarterly',
     'dueDates': ['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']},
    {'principal': '10000', 'annualRate': '24', 'method': 'equal-installment', 'termMonths': 2, 'startDate': '2026-01-30', 'paymentDay': 1,
     'fees': [{'kind': 'upfront', 'percent': '0.5'}]},
    {'principal': '100000', 'annualRate': '6', 'method': 'equal-installment', 'termMonths': 12, 'fees': [{'kind': 'upfront', 'amount': '1000', 'deducted': True}]},
]

if __name__ == '__main__':
    if sys.argv[1] == 'generate':
        r = random.Random(int(sys.argv[3]))
        cases = EDGE + [random_case(r) for _ in range(int(sys.argv[2]))]
        json.dump(cases, sys.stdout)
    elif sys.argv[1] == 'one':
        rows, a = schedule(json.loads(sys.argv[2]))
        print(json.dumps({'rows': [[x['interest'], x['payment']] for x in rows], 'apr': a}))
    else:
        cases = json.load(open(sys.argv[2])); results = json.load(open(sys.argv[3]))
        ok, bad = 0, []
        for q, res in zip(cases, results):
            rows, a = schedule(q)
            mine = [{k: row[k] for k in ('payment', 'principal', 'interest', 'balance')} for row in rows]
            theirs = [{k: row[k] for k in ('payment', 'principal', 'interest', 'balance')} for row in res['rows']]
            norm = lambda rs: [{k: str(D(v).quantize(CENT)) for k, v in row.items()} for row in rs]
            if norm(mine) == norm(theirs) and a == res['apr']: ok += 1
            else: bad.append((q, a, res['apr'], next(((i, x, y) for i, (x, y) in enumerate(zip(norm(mine), norm(theirs))) if x != y), None)))
        print(f'{ok} of {len(cases)} loans match on every row and both APR figures')
        for b in bad[:8]: print(json.dumps(b, default=str))
        sys.exit(0 if not bad else 1)
