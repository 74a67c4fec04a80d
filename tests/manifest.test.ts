/**
 * manifest.xml: what office-addin-manifest reads from it, and an offline check of the mistakes that
 * make Office refuse to sideload (`npm run validate` asks Microsoft's online service for the rest).
 *
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestInfo } from 'office-addin-manifest';

const root = path.resolve(__dirname, '..');
const manifestPath = path.join(root, 'manifest.xml');
const DEV_URL = 'https://localhost:3000/';

/**
 * office-addin-manifest's own reading. It pulls in ES-module-only packages that Jest cannot require
 * on Node 20 (plain Node can), so it runs in a child process.
 */
function readManifestInfo(file: string): ManifestInfo {
  const script =
    "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])" +
    '.then((info) => process.stdout.write(JSON.stringify(info)))';
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd: root, encoding: 'utf8' })) as ManifestInfo;
}

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);

/** Enough XML for a manifest: elements, attributes, text; fails on a mismatched closing tag. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const document: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [document];
  for (const m of body.matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const [, closing, name, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      top.text += decode(text.trim());
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs = Object.fromEntries([...attrText.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, k, v]) => [k, decode(v)]));
      const element: XmlElement = { name, attrs, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1 || document.children.length !== 1) throw new Error('unbalanced XML');
  return document.children[0];
}

function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);

const manifest = parseXml(readFileSync(manifestPath, 'utf8'));
const all = descendants(manifest);
const urls = all.flatMap((e) => Object.values(e.attrs).filter((v) => /^[a-z]+:\/\//i.test(v) && !v.includes('schemas.')));

describe('manifest.xml as office-addin-manifest reads it', () => {
  test('identity, host, locale and start page', () => {
    expect(readManifestInfo(manifestPath)).toMatchObject({
      id: '53409ba3-e7ac-4e89-b7aa-79fdc59568cb',
      version: '1.0.0.0',
      displayName: '绩效自评助手',
      defaultLocale: 'zh-CN',
      hosts: ['Workbook'],
      officeAppType: 'TaskPaneApp',
      permissions: 'ReadWriteDocument',
      iconUrl: `${DEV_URL}assets/icon-32.png`,
      highResolutionIconUrl: `${DEV_URL}assets/icon-64.png`,
      defaultSettings: { sourceLocation: `${DEV_URL}taskpane.html` },
    });
  });
});

describe('manifest.xml would sideload', () => {
  test('top-level elements come in the order of the TaskPaneApp schema', () => {
    const schemaOrder = ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];
    const names = manifest.children.map((c) => c.name);
    expect(names).toEqual(schemaOrder.filter((n) => names.includes(n)));
    expect(manifest.attrs['xsi:type']).toBe('TaskPaneApp');
  });

  test('the id is a GUID and the version has four numeric parts', () => {
    expect(child(manifest, 'Id')?.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(manifest, 'Version')?.text).toMatch(/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/);
  });

  test('every URL is https on the dev server, and the pane and function file are pages the build emits', () => {
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => !u.startsWith(DEV_URL))).toEqual([]);
    const pages = [...new Set(urls.filter((u) => u.endsWith('.html')))].sort();
    expect(pages).toEqual([`${DEV_URL}commands.html`, `${DEV_URL}help.html`, `${DEV_URL}taskpane.html`]);
    for (const template of ['src/taskpane/taskpane.html', 'src/commands/commands.html', 'src/taskpane/help.html']) {
      expect(existsSync(path.join(root, template))).toBe(true);
    }
  });

  test('every icon URL is a PNG under assets/ of the size it is declared at', () => {
    const icons = [...new Set(urls.filter((u) => u.endsWith('.png')))].sort();
    expect(icons).toEqual([16, 32, 64, 80].map((n) => `${DEV_URL}assets/icon-${n}.png`));
    for (const url of icons) {
      const png = readFileSync(path.join(root, url.slice(DEV_URL.length)));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const size = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ribbonSizes = all.filter((e) => e.name === 'bt:Image' && e.attrs.size).map((e) => e.attrs.size);
    expect([...new Set(ribbonSizes)].sort()).toEqual(['16', '32', '80']);
  });

  test('ExcelApi is required at 1.4 at most', () => {
    const sets = all.filter((e) => e.name === 'Set').map((e) => [e.attrs.Name, e.attrs.MinVersion]);
    expect(sets).toEqual([['ExcelApi', '1.4']]);
    const [major, minor] = sets[0][1].split('.').map(Number);
    expect(major === 1 && minor <= 4).toBe(true);
  });

  test('every resid names a resource, and every resource is used', () => {
    const resources = child(manifest, 'VersionOverrides')?.children.find((c) => c.name === 'Resources');
    const ids = descendants(resources as XmlElement).filter((e) => e.attrs.id).map((e) => e.attrs.id);
    const resids = [...new Set(all.filter((e) => e.attrs.resid).map((e) => e.attrs.resid))];
    expect(new Set(ids).size).toBe(ids.length);
    expect(resids.filter((r) => !ids.includes(r))).toEqual([]);
    expect(ids.filter((id) => !resids.includes(id))).toEqual([]);
  });

  test('the ribbon: a 绩效评价 group on the Home tab with an 打开评价助手 button that shows the pane', () => {
    const label = (resid: string | undefined) => all.find((e) => e.name === 'bt:String' && e.attrs.id === resid)?.attrs.DefaultValue;
    const tab = all.find((e) => e.name === 'OfficeTab');
    expect(tab?.attrs.id).toBe('TabHome');
    const group = tab?.children.find((c) => c.name === 'Group') as XmlElement;
    expect(label(child(group, 'Label')?.attrs.resid)).toBe('绩效评价');
    const button = group.children.find((c) => c.name === 'Control') as XmlElement;
    expect(label(child(button, 'Label')?.attrs.resid)).toBe('打开评价助手');
    expect(child(button, 'Action')?.attrs['xsi:type']).toBe('ShowTaskpane');
  });

  test('strings fit their limits and all have an en-US override', () => {
    const overrideOf = (e: XmlElement) => e.children.find((c) => /(^|:)Override$/.test(c.name) && c.attrs.Locale === 'en-US');
    const displayName = child(manifest, 'DisplayName') as XmlElement;
    expect(overrideOf(displayName)?.attrs.Value).toBe('Performance Self-Evaluation Assistant');
    expect(overrideOf(child(manifest, 'Description') as XmlElement)?.attrs.Value).toMatch(/^Departmental overall expenditure/);
    expect(displayName.attrs.DefaultValue.length).toBeLessThanOrEqual(125);

    const strings = (kind: string) => all.find((e) => e.name === kind)?.children ?? [];
    for (const [kind, limit] of [['bt:ShortStrings', 125], ['bt:LongStrings', 250]] as const) {
      for (const s of strings(kind)) {
        expect([s.attrs.id, s.attrs.DefaultValue.length <= limit]).toEqual([s.attrs.id, true]);
        expect([s.attrs.id, Boolean(overrideOf(s)?.attrs.Value)]).toEqual([s.attrs.id, true]);
      }
    }
  });
});
