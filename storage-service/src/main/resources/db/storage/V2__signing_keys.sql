-- The access-token signing key of the whole cluster: every auth-service node adopts the first key
-- stored here, so a token issued by one node verifies on every other node.
CREATE TABLE signing_keys (
  id          text PRIMARY KEY,
  private_pem text NOT NULL,
  public_pem  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
