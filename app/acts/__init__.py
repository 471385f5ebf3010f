"""Draft regulatory acts (проекты НПА).

The pure core lives here and imports no framework and no database: ``stages`` (what stages and kinds
exist), ``catalogue`` (durations, units and legal basis as data), ``graph`` (each kind's stage graph as
data), ``workflow`` (what may happen to an act and why not), ``history`` (what completed acts teach)
and ``schedule`` (plan-schedules with three scenarios and the deadline status). Services, tables and
routes build on them and pass the stored catalogue, calendar corrections and history in.
"""
