// Writes web/src/api/generated/<service>.ts from each service's OpenAPI document (web/openapi/<service>.json).
// The documents are written by the services' build (ServiceDefaults/OpenApiDocuments.targets); this runs in
// `npm run build` before the type check, so web code that disagrees with a document fails the build.
// Kept in a package of its own: openapi-typescript needs TypeScript 5's compiler API, the app compiles with TypeScript 7.
//
//   node generate.mjs [documentsFolder] [outputFolder]    (defaults: web/openapi, web/src/api/generated)
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const documents = path.resolve(process.argv[2] ?? path.join(here, '..'));
const output = path.resolve(process.argv[3] ?? path.join(here, '..', '..', 'src', 'api', 'generated'));

const header = (service) =>
  `// Generated from web/openapi/${service}.json by web/openapi/generator/generate.mjs: do not edit.\n` +
  `// Refresh the documents and these types with scripts/refresh-api-types.sh.\n\n`;

export async function generate(documentsFolder = documents, outputFolder = output) {
  const services = (await readdir(documentsFolder)).filter((name) => name.endsWith('.json')).sort();
  if (services.length === 0) throw new Error(`No OpenAPI document (*.json) in ${documentsFolder}.`);
  await mkdir(outputFolder, { recursive: true });
  for (const file of services) {
    const service = path.basename(file, '.json');
    const document = JSON.parse(await readFile(path.join(documentsFolder, file), 'utf8'));
    const ast = await openapiTS(document, { silent: true });
    await writeFile(path.join(outputFolder, `${service}.ts`), header(service) + astToString(ast));
  }
  return services.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = await generate();
  console.log(`API types: ${count} documents → ${path.relative(process.cwd(), output) || '.'}`);
}
