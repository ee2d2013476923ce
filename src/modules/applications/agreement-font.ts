/**
 * Which Chinese font the agreement PDF is set in. The default comes with `npm install`
 * (@expo-google-fonts/noto-serif-sc: Noto Serif SC, a Song-style face as formal documents
 * use, with TrueType outlines, pinned by the lockfile so every machine renders the same
 * bytes). Debian's CJK fonts are the fallbacks; SHUKAI_PDF_FONT overrides both.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A font file, and for a collection (.ttc) the PostScript name of the face to use. */
export interface FontFace { path: string; face?: string }

export interface AgreementFonts { regular: FontFace; bold: FontFace }

/** A font that may be installed: used when its regular face exists; bold falls back to regular. */
export interface FontCandidate { regular: FontFace; bold?: FontFace }

const NOTO = '/usr/share/fonts/opentype/noto';
const WQY = '/usr/share/fonts/truetype/wqy';

/** Where to look, best first: the npm package, then Debian's fonts-noto-cjk and fonts-wqy-*. */
export function defaultFontCandidates(): FontCandidate[] {
  const candidates: FontCandidate[] = [];
  const regular = packageFile('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
  const bold = packageFile('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');
  if (regular) candidates.push({ regular: { path: regular }, bold: bold ? { path: bold } : undefined });
  candidates.push(
    { regular: { path: `${NOTO}/NotoSerifCJK-Regular.ttc`, face: 'NotoSerifCJKsc-Regular' }, bold: { path: `${NOTO}/NotoSerifCJK-Bold.ttc`, face: 'NotoSerifCJKsc-Bold' } },
    { regular: { path: `${NOTO}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' }, bold: { path: `${NOTO}/NotoSansCJK-Bold.ttc`, face: 'NotoSansCJKsc-Bold' } },
    { regular: { path: `${WQY}/wqy-zenhei.ttc`, face: 'WenQuanYiZenHei' } },
    { regular: { path: `${WQY}/wqy-microhei.ttc`, face: 'WenQuanYiMicroHei' } },
  );
  return candidates;
}

/**
 * The fonts to render with. SHUKAI_PDF_FONT, when set, is a TTF or OTF file, or a collection
 * as `path#PostScriptName`, used for headings too; otherwise the first candidate found.
 * Throws, naming what to install, when there is none.
 */
export function findAgreementFonts(env: NodeJS.ProcessEnv = process.env, candidates = defaultFontCandidates()): AgreementFonts {
  const configured = env.SHUKAI_PDF_FONT?.trim();
  if (configured) {
    const hash = configured.lastIndexOf('#');
    const face: FontFace = hash > 0 ? { path: configured.slice(0, hash), face: configured.slice(hash + 1) } : { path: configured };
    if (!existsSync(face.path)) throw new Error(`SHUKAI_PDF_FONT names ${face.path}, which does not exist`);
    if (!face.face && isCollection(face.path)) {
      throw new Error(`SHUKAI_PDF_FONT names a font collection (${face.path}): add the face's PostScript name, as path#NotoSerifCJKsc-Regular`);
    }
    return { regular: face, bold: face };
  }
  for (const candidate of candidates) {
    if (!existsSync(candidate.regular.path)) continue;
    const bold = candidate.bold && existsSync(candidate.bold.path) ? candidate.bold : candidate.regular;
    return { regular: candidate.regular, bold };
  }
  throw new Error(
    '协议 PDF 找不到中文字体 / No Chinese font for the agreement PDF: run `npm install` (it installs @expo-google-fonts/noto-serif-sc), ' +
    'or `apt-get install fonts-noto-cjk`, or set SHUKAI_PDF_FONT to a TTF/OTF file (a .ttc collection as path#PostScriptName)',
  );
}

function packageFile(specifier: string): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return undefined;
  }
}

/** A TrueType/OpenType collection starts with the tag "ttcf"; pdfkit needs one face of it. */
function isCollection(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const tag = Buffer.alloc(4);
    readSync(fd, tag, 0, 4, 0);
    return tag.toString('latin1') === 'ttcf';
  } finally {
    closeSync(fd);
  }
}
