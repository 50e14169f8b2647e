import type { BlockCompileContext, BlockCompiled, BlockType } from '../block-type.ts';
import type { BlockDiagnostic } from '../diagnostics.ts';
import type { ProductMeta } from '../product-meta.ts';
import type { SchemaProblems, SchemaRegistry } from '../schema-registry.ts';
import { compileExpression } from '../expression/index.ts';
import { text } from '../text.ts';

/** The context a block type's compile step receives: expressions are checked against `applicationSchema`. */
export function createBlockContext(blockId: string, product: ProductMeta, applicationSchema: object): BlockCompileContext {
  return {
    blockId,
    product,
    applicationSchema,
    expression(source, pointer, expected) {
      const result = compileExpression(source, { schema: applicationSchema, expected });
      const diagnostics: BlockDiagnostic[] = result.errors.map((error) => ({
        code: error.code,
        severity: 'error',
        message: error.message,
        pointer,
        line: error.line,
        column: error.column,
        length: error.length,
      }));
      return { compiled: result.compiled, diagnostics };
    },
  };
}

const NO_PROBLEMS: SchemaProblems = [];

/**
 * Validates a block's config against its type's schema, then runs the type's own compile step;
 * `checked`: the config passed this check in the process that sent it (a simulation thread's
 * versions were compiled by the main thread), so it is not validated again. Never throws: a failing compile step becomes a CONFIG_INVALID diagnostic on the whole config.
 */
export function compileBlockConfig(
  blockType: BlockType<unknown, unknown>,
  config: Record<string, unknown>,
  context: BlockCompileContext,
  schemas: SchemaRegistry,
  options: { checked?: boolean } = {},
): BlockCompiled<unknown> {
  const problems = options.checked ? NO_PROBLEMS : schemas.check(blockType.configSchemaId, config);
  if (problems.length) {
    return {
      reads: [],
      diagnostics: problems
        .map(
          (problem) =>
            ({
              code: 'CONFIG_INVALID',
              severity: 'error',
              pointer: problem.pointer,
              message: text(`配置项 ${problem.pointer || '/'} 无效：${problem.messageZh ?? problem.message}`, `Config ${problem.pointer || '/'} is invalid: ${problem.message}`),
            }) as const,
        )
        .concat(
          problems.omitted
            ? [
                {
                  code: 'CONFIG_INVALID',
                  severity: 'error',
                  pointer: '',
                  message: text(`另有 ${problems.omitted} 处配置问题未列出`, `${problems.omitted} more problems in this config are not listed`),
                },
              ]
            : [],
        ),
    };
  }
  if (!blockType.compile) return { prepared: config, diagnostics: [], reads: [] };
  try {
    const compiled = blockType.compile(config, context);
    const hasErrors = compiled.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    return hasErrors ? { ...compiled, prepared: undefined } : compiled;
  } catch (error) {
    return {
      reads: [],
      diagnostics: [
        {
          code: 'CONFIG_INVALID',
          severity: 'error',
          pointer: '',
          message: text(`积木配置无法编译：${(error as Error).message}`, `The block config could not be compiled: ${(error as Error).message}`),
        },
      ],
    };
  }
}
