#!/usr/bin/env python3
"""Checks what `docker-compose config` lets through in docker/docker-compose.yml:
- a key given twice in one mapping (YAML keeps the last silently: a second top-level `secrets:` once
  dropped the cluster's secrets);
- a /run/secrets/NAME a service names (environment, command, healthcheck) that is not among its
  secrets, or a secret no top-level entry defines (the node would start without the file);
- a password written in the file: a *PASSWORD* variable that is not a *_FILE, or a URI with user:password@.
Usage: docker/check-compose.py [docker/docker-compose.yml]   (needs PyYAML, as docker-compose v1 has)
"""
import json
import re
import sys

import yaml


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "key %r given twice" % key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def problems(compose):
    defined = set((compose.get("secrets") or {}).keys())
    for name, service in (compose.get("services") or {}).items():
        mounted = set()
        for s in service.get("secrets") or []:
            mounted.add(s if isinstance(s, str) else s.get("target", s["source"]))
            source = s if isinstance(s, str) else s["source"]
            if source not in defined:
                yield "%s: secret %s is not defined at the top level" % (name, source)
        text = json.dumps({k: service.get(k) for k in ("environment", "command", "healthcheck", "entrypoint")})
        for used in sorted(set(re.findall(r"/run/secrets/([A-Za-z0-9_.-]+)", text))):
            if used not in mounted:
                yield "%s: uses /run/secrets/%s but does not mount that secret" % (name, used)
        env = service.get("environment") or {}
        if isinstance(env, list):
            env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
        for key, value in env.items():
            if "PASSWORD" in key and not key.endswith("_FILE"):
                yield "%s: %s is a password written in the file: use %s_FILE and a secret" % (name, key, key)
            if re.search(r"://[^/@\s]*:[^/@\s]+@", str(value or "")):
                yield "%s: %s carries a password in its URI: use a *_PASSWORD_FILE secret" % (name, key)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "docker/docker-compose.yml"
    with open(path) as f:
        try:
            compose = yaml.load(f, Loader=StrictLoader)
        except yaml.YAMLError as e:
            print("%s: %s" % (path, e), file=sys.stderr)
            return 1
    found = list(problems(compose))
    for p in found:
        print("%s: %s" % (path, p), file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
