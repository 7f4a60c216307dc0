"""Extract from GitHub's OpenAPI description the response schemas of the endpoints Microboard calls.

GitHub publishes its REST API as OpenAPI 3.0 in the `github/rest-api-description` repository
(`descriptions/api.github.com/api.github.com.json`); the npm package `@octokit/openapi` ships the same
description in `generated/api.github.com.json`, with `x-octokit` notes added. This script reads either
file and writes `tests/data/github-openapi-subset.json`: for each endpoint in ENDPOINTS (every call that
generator/github.py makes through PyGithub), the JSON schema of each response GitHub documents for
it, and the component schemas those refer to, so that every `$ref` resolves inside the fixture.
OpenAPI 3.0's `nullable: true` is rewritten as JSON Schema (a `null` type), so that the jsonschema
package can check the GitHub double's answers against it (tests/test_github_openapi.py).

Run it again when GitHub's description or the endpoints change:

    npm pack @octokit/openapi && tar xzf octokit-openapi-*.tgz
    python tests/tools/openapi_subset.py package/generated/api.github.com.json \\
        --source "npm @octokit/openapi <version>, generated/api.github.com.json"

(or point it at a checkout of github/rest-api-description and name its commit in --source).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "data" / "github-openapi-subset.json"

# (method, path template as GitHub's description writes it): what generator/github.py asks GitHub
ENDPOINTS = [
    ("GET", "/repos/{owner}/{repo}"),  # get_repo, default_branch
    ("GET", "/repos/{owner}/{repo}/pulls"),  # find_pull_request_for_commit, open_or_update_pull_request
    ("POST", "/repos/{owner}/{repo}/pulls"),  # open_or_update_pull_request
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}"),  # pull_request_info, changed_postings, approvals
    ("PATCH", "/repos/{owner}/{repo}/pulls/{pull_number}"),  # open_or_update_pull_request
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files"),  # changed_postings
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews"),  # approved_by_maintainer
    ("GET", "/repos/{owner}/{repo}/contents/{path}"),  # changed_postings, open_or_update_pull_request
    ("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission"),  # collaborator_permission
    ("GET", "/repos/{owner}/{repo}/commits/{ref}"),  # set_commit_status, find_pull_request_for_commit
    ("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls"),  # find_pull_request_for_commit
    ("POST", "/repos/{owner}/{repo}/statuses/{sha}"),  # set_commit_status
    ("GET", "/repos/{owner}/{repo}/issues/{issue_number}"),  # get_issue, comments, labels
    ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),  # upsert_comment, own_comment_body
    ("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),  # upsert_comment, comment_on_issue
    ("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),  # upsert_comment
    ("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels"),  # set_labels
    ("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"),  # set_labels, remove_label
    ("GET", "/repos/{owner}/{repo}/labels/{name}"),  # set_labels (is the label there?)
    ("POST", "/repos/{owner}/{repo}/labels"),  # set_labels (create it)
    ("GET", "/repos/{owner}/{repo}/git/ref/{ref}"),  # open_or_update_pull_request
    ("POST", "/repos/{owner}/{repo}/git/refs"),  # open_or_update_pull_request
    ("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}"),  # open_or_update_pull_request
    ("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}"),  # open_or_update_pull_request
    ("POST", "/repos/{owner}/{repo}/git/commits"),  # open_or_update_pull_request
    ("POST", "/repos/{owner}/{repo}/git/trees"),  # open_or_update_pull_request
]

_REF = "#/components/schemas/"


def _resolve(description: dict, value: Any) -> Any:
    """Follow a $ref to #/components/responses/... (or any non-schema component) once."""
    while isinstance(value, dict) and "$ref" in value and not value["$ref"].startswith(_REF):
        node: Any = description
        for part in value["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        value = node
    return value


def _json_schema(node: Any, found: set[str]) -> Any:
    """OpenAPI 3.0 schema -> JSON Schema: `nullable` becomes a null type; component refs are collected."""
    if isinstance(node, list):
        return [_json_schema(item, found) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _json_schema(value, found) for key, value in node.items()
           if not key.startswith("x-") and key not in ("example", "examples", "discriminator", "nullable")}
    if "$ref" in node:
        found.add(node["$ref"].removeprefix(_REF))
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def extract(description: dict) -> dict:
    endpoints: dict[str, dict[str, Any]] = {}
    found: set[str] = set()
    for method, template in ENDPOINTS:
        operation = description["paths"][template][method.lower()]
        responses = {}
        for status, response in operation["responses"].items():
            response = _resolve(description, response)
            content = (response.get("content") or {}).get("application/json")
            responses[status] = _json_schema(content["schema"], found) if content else None
        endpoints[f"{method} {template}"] = {"operationId": operation.get("operationId"), "responses": responses}
    schemas: dict[str, Any] = {}
    todo = sorted(found)
    while todo:
        name = todo.pop()
        if name in schemas:
            continue
        more: set[str] = set()
        schemas[name] = _json_schema(description["components"]["schemas"][name], more)
        todo += sorted(more - set(schemas))
    return {"endpoints": endpoints, "components": {"schemas": dict(sorted(schemas.items()))}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("description", help="api.github.com.json from github/rest-api-description or @octokit/openapi")
    parser.add_argument("--source", required=True, help="where the description came from (repository, path, version)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    description = json.loads(Path(args.description).read_text(encoding="utf-8"))
    subset = {"source": {"description": args.source, "openapi": description["openapi"],
                         "info_version": description["info"].get("version"),
                         "upstream": "https://github.com/github/rest-api-description, "
                                     "descriptions/api.github.com/api.github.com.json"}}
    subset.update(extract(description))
    text = json.dumps(subset, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    # one endpoint or component per line: compact, and a change to one shows as a change to one line
    text = re.sub(r',"(?=(GET|POST|PATCH|PUT|DELETE) /)', ',\n"', text)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(subset['endpoints'])} endpoints, {len(subset['components']['schemas'])} schemas, "
          f"{len(text):,} characters")


if __name__ == "__main__":
    main()
