import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { signInTranslationRef } from '../translation';

const zh = createTranslationMessages({
  ref: signInTranslationRef,
  full: true,
  messages: {
    title: 'IoT Stage 门户',
    subtitle: '使用演示角色本地登录',
    intro:
      '选择要扮演的角色。每个角色都是 catalog/org/users.yaml 中的演示用户：你将以其所属的组和权限浏览门户。退出登录即可切换角色。',
    localOnly: '仅限本地开发：生产环境使用 GitHub 登录。',
    signInAs: '以 {{name}} 身份登录',
    'personas.alice.role': '应用开发商 Acme IoT',
    'personas.alice.description':
      '上传 Acme 的智慧城市镜像，构建应用和规格，并提交审核。',
    'personas.bob.role': '应用开发商 Globex',
    'personas.bob.description':
      '发布 Globex 的制造与能源应用：镜像、规格和审核申请。',
    'personas.rita.role': '审核员',
    'personas.rita.description': '审核提交的上架申请，批准或驳回其进入应用市场。',
    'personas.ada.role': '应用开发商 Acme IoT 兼审核员',
    'personas.ada.description':
      '构建 Acme 的应用，并审核其他开发商的上架申请；门户会拒绝她对 Acme 自家应用的审核决定。',
    'personas.sam.role': '系统集成商 Contoso',
    'personas.sam.description':
      '为 Contoso 的城市与园区项目使用应用市场：申请试用并管理设备。',
    'personas.sue.role': '系统集成商 Initech',
    'personas.sue.description':
      '为 Initech 的工厂与公用事业项目使用应用市场：申请试用并管理设备。',
    'error.title': '无法以 {{name}} 身份登录',
    'error.hint': '请确认后端正在运行，并且 {{name}} 存在于目录中。',
    'error.back': '选择其他角色',
    language: '语言',
    'github.message': '使用 GitHub 账号登录',
  },
});

export default zh;
