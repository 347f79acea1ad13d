// Every test answers with the lexical resource the product ships, as the product does.
import { loadLexicon } from '../src/store/lexicon.js';

loadLexicon();
