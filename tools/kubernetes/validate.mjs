// Validates Kubernetes manifests against the schemas of the pinned kubernetes-models packages (the
// Kubernetes OpenAPI schemas and prometheus-operator's CRDs, compiled for ajv). Reads the multi-document
// YAML files given as arguments; prints one JSON array: for every document its apiVersion, kind, name and
// schema errors ("no schema" for a kind no package here describes). Run by KubernetesManifestsTests.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packages = [
  { group: /^monitoring\.coreos\.com$/, module: (group, version, kind) =>
      `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}` },
  { group: /.*/, module: (group, version, kind) =>
      group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}` },
];

async function validate(manifest) {
  const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
  const module = packages.find((p) => p.group.test(group)).module(group, version, manifest.kind);
  let model;
  try {
    model = (await import(module))[manifest.kind];
  } catch {
    return ["no schema for " + manifest.apiVersion + " " + manifest.kind];
  }
  try {
    new model(manifest).validate();
    return [];
  } catch (error) {
    return error.message.split(", ");
  }
}

const results = [];
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      results.push({ file, errors: document.errors.map((e) => e.message) });
      continue;
    }
    const manifest = document.toJS();
    if (manifest == null) {
      continue;
    }
    results.push({ apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.metadata?.name,
      errors: await validate(manifest) });
  }
}
console.log(JSON.stringify(results));
