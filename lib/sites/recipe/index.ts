/** Sites taught by the user ("Teach this page"): the adapter made from a recipe, and the proposer. */
export { recipeAdapter, parseLocalDate, readRecipeBuyer } from './adapter';
export { proposeRecipe, refine, fieldSelector, evaluate, rowOf, isStableClass, liftTarget, type Proposal, type RefineDirection } from './propose';
