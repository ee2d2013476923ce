import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import { AppError } from '../../domain/errors.js';
import type { App } from '../../http/app-instance.js';
import { accountOf, authorize } from '../../http/auth.js';
import { Text } from '../../http/schemas.js';
import { AGREEMENT_PLACEHOLDERS, templateProblems } from './agreement-template.js';

const TAGS = ['授权协议'];

/** The 公共数据开放利用协议 template (二.3 step 4), versioned: an agreement keeps the version it was signed on. */
export async function agreementTemplateRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/v1/agreement-template', {
    schema: { tags: TAGS, summary: '当前版本的公共数据开放利用协议模板，及可用的占位符' },
  }, async (req) => {
    authorize(req, 'agreementTemplate.read');
    return { ...(await ctx.agreementTemplates.current()), placeholders: AGREEMENT_PLACEHOLDERS };
  });

  app.put('/api/v1/agreement-template', {
    schema: {
      tags: TAGS, summary: '发布新版本协议模板（主管部门管理员）；已签署的协议不受影响',
      body: Type.Object({ title: Text(100, 1), text: Text(50000, 100) }),
    },
    config: { audit: 'agreementTemplate.publish' },
  }, async (req) => {
    authorize(req, 'agreementTemplate.manage');
    // A mistyped placeholder is refused now, not when an applicant comes to sign.
    const problems = templateProblems(req.body.text);
    if (problems.length) throw new AppError('VALIDATION_FAILED', 'text', `模板中有无法识别的占位符：${problems.join('、')}`);
    const version = await ctx.agreementTemplates.publish(req.body.title, req.body.text, accountOf(req).id);
    req.auditDetail = JSON.stringify({ version });
    return { version };
  });
}
