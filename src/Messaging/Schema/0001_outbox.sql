-- Transactional outbox (ADR-0004): rows are inserted in the append transaction of the command that
-- sends them and delivered after commit, at least once, by any number of dispatchers.
create schema if not exists msg;

create table if not exists msg.outbox (
    -- stable message id (uuid v7): receivers de-duplicate on it unless a domain key is given
    id               uuid primary key,
    message_type     text not null,  -- stored name, never the CLR name
    destination      text not null,  -- logical receiver: sms, payment, vendor, erp...
    body             jsonb not null, -- may hold personal data: never logged
    idempotency_key  text not null,
    correlation_id   text,
    causation_id     text,
    status           text not null default 'pending'
                     constraint outbox_status check (status in ('pending', 'delivered', 'dead')),
    -- attempts started so far; counted when claimed, so a message that crashes its dispatcher
    -- every time still runs out of attempts and ends in dead letters
    attempts         int not null default 0,
    due_at           timestamptz not null,
    -- lease: a claimer that dies without marking loses the message when claimed_until passes
    claimed_by       text,
    claim_token      uuid,
    claimed_until    timestamptz,
    last_error       text,
    requeued         int not null default 0,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    dead_at          timestamptz
);

create index if not exists outbox_pending_due on msg.outbox (due_at, id) where status = 'pending';
create index if not exists outbox_dead on msg.outbox (dead_at desc) where status = 'dead';
