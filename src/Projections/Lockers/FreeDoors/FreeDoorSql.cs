using Cabinets.Domain.Lockers.Cabinets;

namespace Cabinets.Projections.Lockers.FreeDoors;

/// <summary>
/// Set-wise statements (unnest over arrays) for one folded batch, queued on Marten's unit of work
/// with `?` placeholders in argument order, so they commit with the daemon's progress row.
/// </summary>
internal static class FreeDoorSql
{
    public static void AddCabinetUpserts(ProjectionStatements batch, string schema, FreeDoorFold fold)
    {
        var sited = fold.Cabinets.Where(c => c.Value.Site is not null).ToList();
        if (sited.Count > 0)
        {
            var cmd = new ProjectionStatement($"""
                insert into {schema}.cabinets as c (serial_number, province, city, area, street, place, community_name, address_note,
                                                    updated_at, provisioned)
                select u.*, true from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                             ?::text[], ?::timestamptz[]) as u
                on conflict (serial_number) do update set
                    province = excluded.province, city = excluded.city, area = excluded.area, street = excluded.street,
                    place = excluded.place, community_name = excluded.community_name, address_note = excluded.address_note,
                    provisioned = true, updated_at = excluded.updated_at
                """);
            Add(cmd, sited.Select(r => r.Key));
            Add(cmd, sited.Select(r => r.Value.Site!.Province));
            Add(cmd, sited.Select(r => r.Value.Site!.City));
            Add(cmd, sited.Select(r => r.Value.Site!.Area));
            Add(cmd, sited.Select(r => r.Value.Site!.Street));
            Add(cmd, sited.Select(r => r.Value.Site!.Place));
            Add(cmd, sited.Select(r => r.Value.Site!.CommunityName));
            Add(cmd, sited.Select(r => r.Value.Site!.AddressNote));
            Add(cmd, sited.Select(r => r.Value.At.ToUniversalTime()));
            batch.Add(cmd);
        }

        var typed = fold.Cabinets.Where(c => c.Value.Type is not null).ToList();
        if (typed.Count > 0)
        {
            var cmd = new ProjectionStatement($"""
                insert into {schema}.cabinets as c (serial_number, type, registered, updated_at)
                select u.serial, u.type, true, u.at from unnest(?::text[], ?::text[], ?::timestamptz[]) as u (serial, type, at)
                on conflict (serial_number) do update set type = excluded.type, registered = true, updated_at = excluded.updated_at
                """);
            Add(cmd, typed.Select(r => r.Key));
            Add(cmd, typed.Select(r => r.Value.Type!));
            Add(cmd, typed.Select(r => r.Value.At.ToUniversalTime()));
            batch.Add(cmd);
        }
    }

    public static void AddDoorUpserts(ProjectionStatements batch, string schema, FreeDoorFold fold)
    {
        if (fold.Registrations.Count == 0) return;
        var rows = fold.Registrations.Values.ToList();
        var cmd = new ProjectionStatement($"""
            insert into {schema}.doors as d (serial_number, door_number, cabinet_index, size, insulated, vertical, updated_at)
            select * from unnest(?::text[], ?::int[], ?::int[], ?::text[], ?::bool[], ?::bool[], ?::timestamptz[])
            on conflict (serial_number, door_number) do update set
                cabinet_index = excluded.cabinet_index, size = excluded.size, insulated = excluded.insulated,
                vertical = excluded.vertical, updated_at = excluded.updated_at
            """);
        Add(cmd, rows.Select(r => r.SerialNumber));
        Add(cmd, rows.Select(r => r.DoorNumber));
        Add(cmd, rows.Select(r => r.CabinetIndex));
        Add(cmd, rows.Select(r => DoorSizeCodes.Of(r.Attributes.Size)));
        Add(cmd, rows.Select(r => r.Attributes.Insulated));
        Add(cmd, rows.Select(r => r.Attributes.Vertical));
        Add(cmd, rows.Select(r => r.At.ToUniversalTime()));
        batch.Add(cmd);
    }

    public static void AddOccupancyUpdates(ProjectionStatements batch, string schema, FreeDoorFold fold)
    {
        if (fold.Occupancy.Count == 0) return;
        var rows = fold.Occupancy.ToList();
        var cmd = new ProjectionStatement($"""
            update {schema}.doors d set occupied = u.occupied, updated_at = greatest(d.updated_at, u.at)
              from unnest(?::text[], ?::int[], ?::bool[], ?::timestamptz[]) as u (serial, door, occupied, at)
             where d.serial_number = u.serial and d.door_number = u.door
            """);
        Add(cmd, rows.Select(r => r.Key.Serial));
        Add(cmd, rows.Select(r => r.Key.Door));
        Add(cmd, rows.Select(r => r.Value.Occupied));
        Add(cmd, rows.Select(r => r.Value.At.ToUniversalTime()));
        batch.Add(cmd);
    }

    /// <summary>
    /// A faulted or awaiting-confirmation door is unusable; its bank's counts are recomputed after
    /// this. `updated_at` keeps the latest change whichever statement of the batch runs last: a fault
    /// and an occupancy change folded into one batch must give the row they give in two (found by
    /// replay-and-compare, ADR-0029).
    /// </summary>
    public static void AddFaultUpdates(ProjectionStatements batch, string schema, FreeDoorFold fold)
    {
        if (fold.Faults.Count == 0) return;
        var rows = fold.Faults.ToList();
        var cmd = new ProjectionStatement($"""
            update {schema}.doors d set fault = u.fault, usable = u.fault is null, updated_at = greatest(d.updated_at, u.at)
              from unnest(?::text[], ?::int[], ?::text[], ?::timestamptz[]) as u (serial, door, fault, at)
             where d.serial_number = u.serial and d.door_number = u.door
            """);
        Add(cmd, rows.Select(r => r.Key.Serial));
        Add(cmd, rows.Select(r => r.Key.Door));
        Add(cmd, rows.Select(r => r.Value.Fault));
        Add(cmd, rows.Select(r => r.Value.At.ToUniversalTime()));
        batch.Add(cmd);
    }

    /// <summary>Bookings move the promised capacity of their bank's door kind; deposits, expiries and cancellations move it back.</summary>
    public static void AddPromiseDeltas(ProjectionStatements batch, string schema, FreeDoorFold fold)
    {
        var rows = fold.Promised.Where(p => p.Value != 0).ToList();
        if (rows.Count == 0) return;
        var cmd = new ProjectionStatement($"""
            update {schema}.free_door_counts f set promised = greatest(f.promised + u.delta, 0)
              from unnest(?::text[], ?::text[], ?::bool[], ?::bool[], ?::int[]) as u (serial, size, insulated, vertical, delta)
             where f.serial_number = u.serial and f.size = u.size and f.insulated = u.insulated and f.vertical = u.vertical
            """);
        Add(cmd, rows.Select(r => r.Key.Serial));
        Add(cmd, rows.Select(r => DoorSizeCodes.Of(r.Key.Kind.Size)));
        Add(cmd, rows.Select(r => r.Key.Kind.Insulated));
        Add(cmd, rows.Select(r => r.Key.Kind.Vertical));
        Add(cmd, rows.Select(r => r.Value));
        batch.Add(cmd);
    }

    /// <summary>
    /// The common batch (doors opened and closed, nothing registered or moved) moves each count by
    /// the doors whose state really changes: the batch's last state per door against the stored
    /// one, usable doors only. It runs before <see cref="AddOccupancyUpdates"/> and gives the same
    /// numbers as a recompute at the cost of the changed doors instead of every door of the bank.
    /// Every kind a bank has already has its row: registration recomputes (ADR-0011).
    /// </summary>
    public static void AddCountDeltas(ProjectionStatements batch, string schema, IReadOnlyList<KeyValuePair<(string Serial, int Door), (bool Occupied, DateTimeOffset At)>> changes)
    {
        if (changes.Count == 0) return;
        var cmd = new ProjectionStatement($"""
            with moved as (
                select d.serial_number, d.size, d.insulated, d.vertical, sum(case when u.occupied then -1 else 1 end)::int as delta
                  from unnest(?::text[], ?::int[], ?::bool[]) as u (serial, door, occupied)
                  join {schema}.doors d on d.serial_number = u.serial and d.door_number = u.door
                 where d.usable and d.occupied <> u.occupied
                 group by 1, 2, 3, 4)
            update {schema}.free_door_counts f set free = f.free + m.delta
              from moved m
             where m.delta <> 0 and f.serial_number = m.serial_number and f.size = m.size
               and f.insulated = m.insulated and f.vertical = m.vertical
            """);
        Add(cmd, changes.Select(c => c.Key.Serial));
        Add(cmd, changes.Select(c => c.Key.Door));
        Add(cmd, changes.Select(c => c.Value.Occupied));
        batch.Add(cmd);
    }

    /// <summary>
    /// Counts are recomputed from the doors of the banks this batch touched: never drift, never
    /// negative. Only rows whose count or site changed are written (an unchanged row is not
    /// rewritten, a changed `free` is a HOT update), and kinds a bank no longer has are deleted.
    /// The site comes from a lateral lookup by key: the statement is prepared, and a generic plan
    /// given a plain join hashed the whole cabinets table on every batch (ADR-0011).
    /// </summary>
    public static void AddCountRecompute(ProjectionStatements batch, string schema, IReadOnlyCollection<string> serials)
    {
        var upsert = new ProjectionStatement($"""
            with fresh as (
                select g.serial_number, g.size, g.insulated, g.vertical,
                       coalesce(c.province, '') as province, coalesce(c.city, '') as city, coalesce(c.area, '') as area,
                       coalesce(c.street, '') as street, coalesce(c.place, '') as place, g.free
                  from (select serial_number, size, insulated, vertical, (count(*) filter (where not occupied and usable))::int as free
                          from {schema}.doors where serial_number = any(?) group by 1, 2, 3, 4) g
                  left join lateral (select province, city, area, street, place from {schema}.cabinets k
                                      where k.serial_number = g.serial_number) c on true),
            gone as (
                delete from {schema}.free_door_counts f
                 where f.serial_number = any(?)
                   and not exists (select 1 from fresh n where n.serial_number = f.serial_number and n.size = f.size
                                      and n.insulated = f.insulated and n.vertical = f.vertical))
            insert into {schema}.free_door_counts as f (serial_number, size, insulated, vertical, province, city, area, street, place, free)
            select * from fresh
            on conflict (serial_number, size, insulated, vertical) do update set
                free = excluded.free, province = excluded.province, city = excluded.city, area = excluded.area,
                street = excluded.street, place = excluded.place
             where (f.free, f.province, f.city, f.area, f.street, f.place)
                   is distinct from (excluded.free, excluded.province, excluded.city, excluded.area, excluded.street, excluded.place)
            """);
        Add(upsert, serials);
        Add(upsert, serials); // the statement names the serials twice (fresh, gone)
        batch.Add(upsert);
    }

    private static void Add<T>(ProjectionStatement cmd, IEnumerable<T> values) => cmd.Arguments.Add(values.ToArray());
}

/// <summary>One statement with its arguments in placeholder order.</summary>
public sealed record ProjectionStatement(string Sql)
{
    public List<object> Arguments { get; } = [];
}

/// <summary>The statements one batch of events turns into.</summary>
public sealed class ProjectionStatements : List<ProjectionStatement>;
