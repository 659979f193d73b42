-- When an account last failed to sign in. A streak of failures now ends a day after its last
-- failure (once any lock it earned has ended too), for an account as for a name that is no account
-- (login_failures): before, an account counted until it signed in while an unknown name was
-- forgotten after a day, so a slow guesser could tell which usernames exist.
alter table users add column last_failed_login_at timestamptz;
