/** Each view's column list by the view's name (the names exports and saved grid layouts use). */
import { clickColumnList } from './clickColumns';
import { linkColumnList } from './linkColumns';
import { profileClickColumnList } from './profileClickColumns';
import { profileColumnList } from './profileColumns';

export const viewColumnLists = {
  clicks: clickColumnList,
  links: linkColumnList,
  profiles: profileColumnList,
  profileClicks: profileClickColumnList,
} as const;
