/** One differing field of a test case, as the table cells every suite view shows: field, expected, actual. */
export function DifferenceCells({ difference }: { difference: { field: string; expected: unknown; actual: unknown } }) {
  return (
    <>
      <td>
        <code>{difference.field}</code>
      </td>
      <td>{JSON.stringify(difference.expected)}</td>
      <td>{JSON.stringify(difference.actual)}</td>
    </>
  );
}
