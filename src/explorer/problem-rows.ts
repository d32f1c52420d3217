import type { AwsProblem } from '../aws/errors';

/** Every text an error row puts on screen: its label, tooltip and the two rows below it. */
export interface ProblemRows {
  label: string;
  tooltip: string;
  todo: { label: string; description: string };
  detail: { label: string; description: string };
}

export function problemRows(problem: AwsProblem): ProblemRows {
  return {
    label: problem.title,
    tooltip: `${problem.title}\n\n${problem.detail}\n\nWhat to do: ${problem.whatToDo}`,
    todo: { label: 'What to do', description: problem.whatToDo },
    detail: { label: problem.errorName, description: problem.detail },
  };
}
