-- Async projection daemon bookkeeping (ADR-0003: gap-safe ordering, leases, rebuild).

-- One row per projection. (tx_id, seq) is the daemon's position: every event at or below it, of
-- the projection's types, has been applied. It is written in the same transaction as the
-- read-model rows, and only with an optimistic check on the previous position.
create table if not exists es.projection_checkpoints (
    name             text primary key,
    tx_id            xid8 not null default '0',
    seq              bigint not null default 0,
    status           text not null default 'running'
                     check (status in ('running', 'parked', 'rebuilding')),
    -- set while parked: why, and the one event that failed (SkipAsync must name exactly it)
    error            text,
    failed_tx_id     xid8,
    failed_seq       bigint,
    owner_node       text,
    updated_at       timestamptz not null default now()
);

-- Events an operator chose to skip, one row each: a skip is never silent.
create table if not exists es.projection_skips (
    name        text not null,
    tx_id       xid8 not null,
    seq         bigint not null,
    stream_id   text not null,
    version     bigint not null,
    type        text not null,
    error       text,
    skipped_at  timestamptz not null default now(),
    primary key (name, tx_id, seq)
);

-- Live daemons. A node is alive while it heartbeats and the backend holding its advisory locks
-- (lock_pid started at lock_backend_start) still exists; a node that stops heartbeating has
-- its lock backend terminated by the others so that its projections move (its lease expires).
create table if not exists es.daemon_nodes (
    node_id             text primary key,
    host                text not null,
    process_id          int not null,
    lock_pid            int not null,
    lock_backend_start  timestamptz not null,
    started_at          timestamptz not null default now(),
    heartbeat_at        timestamptz not null default now()
);

-- A rebuild in progress: its shadow schema, how far it got and how much there is to do.
create table if not exists es.projection_rebuilds (
    name           text primary key,
    shadow_schema  text not null,
    tx_id          xid8 not null default '0',
    seq            bigint not null default 0,
    done           bigint not null default 0,
    total          bigint not null default 0,
    node_id        text,
    started_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create schema if not exists rm;
