-- Invitations: a one-time link by e-mail to set one's password, valid 7 days. The token is known by its SHA-256 only
-- (it is 256-bit random, like login tokens). An invited person's account stays inactive until the link is used.
CREATE TABLE user_invitation (
    token_hash  CHAR(64)     PRIMARY KEY,
    user_id     VARCHAR(36)  NOT NULL REFERENCES app_user (id),
    created_by  VARCHAR(300) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_invitation_by_user ON user_invitation (user_id);
