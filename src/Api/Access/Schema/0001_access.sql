-- Bearer tokens of signed-in admins. Only a SHA-256 of each token is stored.
create schema if not exists access;

create table if not exists access.sessions (
    token_hash  bytea primary key,
    username    text not null,
    roles       text[] not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null
);
create index if not exists sessions_expires_at on access.sessions (expires_at);
