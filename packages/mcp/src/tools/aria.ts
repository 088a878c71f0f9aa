import * as z from 'zod';
import { describeChanges, diffTrees } from '@claude-scope/aria';
import { AriaNode, DiffSummary, SessionIdArg, StepArg } from '../schemas.js';
import { fitTree, PART_MAX_CHARS, pruneToMarked, renderTree, treeDepth, truncateText } from '../budget.js';
import { isResult, loadSession, ok, stepOf } from '../results.js';
import { READ_ONLY, type RegisterTool } from './context.js';

export const registerAriaTools: RegisterTool = (server, { api }) => {
  server.registerTool(
    'get_aria_snapshot',
    {
      title: 'ARIA tree of a step',
      description:
        'The accessibility (ARIA) tree of the page at one step, as captured in a real browser: roles, names and states, nodes marked ' +
        'added/changed/removed against the step before. Limited to maxDepth levels (deeper nodes say how many children they hide); ' +
        'a tree too big for one answer is cut shallower, with a note.',
      inputSchema: z.object({
        sessionId: SessionIdArg,
        step: StepArg,
        maxDepth: z.number().int().min(1).max(50).default(8),
      }),
      outputSchema: z.object({
        sessionId: z.string(),
        step: z.number(),
        url: z.string(),
        depth: z.number(),
        fullDepth: z.number(),
        tree: z.array(AriaNode),
        truncated: z.boolean(),
        note: z.string().nullable(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, step, maxDepth }) => {
      const session = await loadSession(api, sessionId);
      if (isResult(session)) return session;
      const frame = stepOf(session, step);
      if (isResult(frame)) return frame;
      const fullDepth = treeDepth(frame.ariaTree);
      const fitted = fitTree(frame.ariaTree, maxDepth, PART_MAX_CHARS * 0.6);
      const note = fitted.omittedTopNodes
        ? `Only the first ${fitted.tree.length} top-level nodes fit; ${fitted.omittedTopNodes} left out.`
        : fitted.depth < Math.min(maxDepth, fullDepth)
          ? `Cut at depth ${fitted.depth} (of ${fullDepth}) to stay within the size limit.`
          : fitted.truncated
            ? `Cut at maxDepth ${fitted.depth} (the tree is ${fullDepth} deep): ask with a larger maxDepth for more.`
            : null;
      const lines = renderTree(fitted.tree);
      const text = [
        `ARIA tree at step ${step} of ${session.frames.length} (${frame.url}), depth ${fitted.depth} of ${fullDepth}:`,
        ...(lines.length ? lines : ['(empty: the page could not be captured at this step)']),
        ...(note ? [note] : []),
      ].join('\n');
      return ok(truncateText(text, PART_MAX_CHARS * 0.4).text, {
        sessionId: session.id,
        step,
        url: frame.url,
        depth: fitted.depth,
        fullDepth,
        tree: fitted.tree,
        truncated: fitted.truncated,
        note,
      });
    },
  );

  server.registerTool(
    'get_aria_diff',
    {
      title: 'ARIA diff between two steps',
      description:
        'What changed in the accessibility tree between any two steps (e.g. 1 and the last, to see the net effect of a flow): change ' +
        'sentences, counts, and the changed nodes with the ancestors that locate them. Nodes are matched by role and name path.',
      inputSchema: z.object({ sessionId: SessionIdArg, fromStep: StepArg, toStep: StepArg }),
      outputSchema: z.object({
        sessionId: z.string(),
        fromStep: z.number(),
        toStep: z.number(),
        summary: DiffSummary,
        changes: z.array(z.string()),
        diff: z.array(AriaNode),
        truncated: z.boolean(),
        note: z.string().nullable(),
      }),
      annotations: READ_ONLY,
    },
    async ({ sessionId, fromStep, toStep }) => {
      const session = await loadSession(api, sessionId);
      if (isResult(session)) return session;
      const from = stepOf(session, fromStep);
      if (isResult(from)) return from;
      const to = stepOf(session, toStep);
      if (isResult(to)) return to;
      const { tree, summary } = diffTrees(from.ariaTree, to.ariaTree);
      const all = describeChanges(tree);
      const changes = all.slice(0, 100).map((c) => truncateText(c, 300).text);
      const fitted = fitTree(pruneToMarked(tree), 30, PART_MAX_CHARS * 0.5);
      const notes = [
        ...(all.length > changes.length ? [`${all.length - changes.length} more change sentence(s) left out.`] : []),
        ...(fitted.truncated ? [`The node diff is cut at depth ${fitted.depth} to fit.`] : []),
      ];
      const note = notes.length ? notes.join(' ') : null;
      const text = [
        `Step ${fromStep} → step ${toStep}: +${summary.added} ~${summary.changed} -${summary.removed}`,
        ...(changes.length ? changes.map((c) => `- ${c}`) : ['No difference in the accessibility tree.']),
        ...(fitted.tree.length ? ['Nodes:', ...renderTree(fitted.tree)] : []),
        ...(note ? [note] : []),
      ].join('\n');
      return ok(truncateText(text, PART_MAX_CHARS * 0.4).text, {
        sessionId: session.id,
        fromStep,
        toStep,
        summary,
        changes,
        diff: fitted.tree,
        truncated: fitted.truncated,
        note,
      });
    },
  );
};
