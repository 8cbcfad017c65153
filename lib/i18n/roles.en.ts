/**
 * English the options page needs before the Team tab loads: the tab's name and what a member's role
 * leaves out (the options page hides what the server would refuse; components/role.ts).
 */
export const rolesEn = {
  'options.tab.team': 'Team',
  'roles.agentNoBackup': 'Backups and merging are for the owner and sellers: ask them if something needs tidying.',
  'roles.agentNoImport': 'Ask the workspace’s owner or a seller to import the shop’s orders.',
  'roles.rulesOwnerOnly': 'Only the owner can change the rules for the whole team.',
  'roles.restoreInTeam':
    'Restoring is for a book of your own: in a team, the book everyone shares lives on the sync server. Leave the team (Team tab) to restore a backup here.',
} as const;
