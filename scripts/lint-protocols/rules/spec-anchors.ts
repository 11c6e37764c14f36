/**
 * The anchors a spec reference may use in a markdown file: the GitHub-style slug of every heading
 * (lower case, punctuation dropped, spaces to `-`, repeats suffixed `-1`, `-2`, …), and `rule-N`
 * for each top-level item of the numbered list under the heading that starts "Normative rules".
 */
export function specAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let inRules = false;
  let rules = 0;
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = githubSlug(heading[1] ?? '');
      const seen = counts.get(slug) ?? 0;
      anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
      counts.set(slug, seen + 1);
      inRules = /^normative rules/i.test(heading[1] ?? '');
      continue;
    }
    if (inRules && /^[0-9]+\.\s/.test(line)) anchors.add(`rule-${++rules}`);
  }
  return anchors;
}

/** GitHub's heading slug. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/<[^>]*>/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
