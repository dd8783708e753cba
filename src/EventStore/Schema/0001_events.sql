-- Event store tables (ADR-0002 layout, ADR-0003 gap-safe ordering).
create schema if not exists es;

create table if not exists es.streams (
    id          text primary key,
    type        text not null,
    version     bigint not null,
    -- the newest transaction that appended to this stream; appends from an older transaction id
    -- are refused (ESX01) so that (tx_id, seq) order is also stream order (ADR-0003)
    last_tx_id  xid8 not null,
    archived    boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create sequence if not exists es.event_seq as bigint;

create table if not exists es.events (
    seq             bigint primary key,
    stream_id       text not null,
    version         bigint not null,
    event_id        uuid not null,
    type            text not null,
    schema_version  int not null,
    data            jsonb not null,
    metadata        jsonb not null,
    tx_id           xid8 not null default pg_current_xact_id(),
    created_at      timestamptz not null default clock_timestamp(),
    constraint events_stream_version unique (stream_id, version)
);
-- the daemon reads in (tx_id, seq) order below the snapshot xmin
create index if not exists events_tx_seq on es.events (tx_id, seq);
create index if not exists events_type_seq on es.events (type, seq);

-- idempotent commands: the first outcome of a command id, written in the append transaction
create table if not exists es.commands (
    command_id  text primary key,
    outcome     jsonb not null,
    created_at  timestamptz not null default now()
);

create table if not exists es.snapshots (
    stream_id   text primary key,
    version     bigint not null,
    type        text not null,
    data        jsonb not null,
    created_at  timestamptz not null default now()
);

-- Appends events to one stream. p_expected: -1 any, -2 must be new, -3 must exist, n >= 0 exact
-- (0 = no events yet). Raises ESV01 on a version conflict, ESX01 when a newer transaction wrote
-- the stream first (retry in a new transaction), ESA01 on an archived stream.
create or replace function es.append(
    p_stream_id text, p_stream_type text, p_expected bigint,
    p_event_ids uuid[], p_types text[], p_schema_versions int[], p_data jsonb[], p_metadata jsonb[])
returns table (seq bigint, version bigint, created_at timestamptz)
language plpgsql as $$
declare
    v_current  bigint;
    v_last_tx  xid8;
    v_archived boolean;
    v_tx       xid8 := pg_current_xact_id();
    v_count    int := cardinality(p_event_ids);
begin
    select s.version, s.last_tx_id, s.archived into v_current, v_last_tx, v_archived
      from es.streams s where s.id = p_stream_id for update;
    if not found then
        if p_expected = -3 or p_expected > 0 then
            raise exception using errcode = 'ESV01', message = p_stream_id, detail = '0';
        end if;
        insert into es.streams (id, type, version, last_tx_id)
             values (p_stream_id, p_stream_type, v_count, v_tx)
        on conflict (id) do nothing;
        if not found then -- created by a concurrent transaction that committed first
            raise exception using errcode = 'ESV01', message = p_stream_id, detail = '-1';
        end if;
        v_current := 0;
    else
        if v_archived then
            raise exception using errcode = 'ESA01', message = p_stream_id;
        end if;
        if p_expected = -2 or (p_expected >= 0 and p_expected <> v_current) then
            raise exception using errcode = 'ESV01', message = p_stream_id, detail = v_current::text;
        end if;
        if v_last_tx > v_tx then
            raise exception using errcode = 'ESX01', message = p_stream_id, detail = v_current::text;
        end if;
        update es.streams s set version = v_current + v_count, last_tx_id = v_tx, updated_at = now()
         where s.id = p_stream_id;
    end if;

    return query
    insert into es.events as e (seq, stream_id, version, event_id, type, schema_version, data, metadata)
    select nextval('es.event_seq'), p_stream_id, v_current + u.ord, u.event_id, u.type, u.schema_version, u.data, u.metadata
      from unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
           with ordinality as u (event_id, type, schema_version, data, metadata, ord)
    returning e.seq, e.version, e.created_at;
end;
$$;
