// The guest of examples/component-js: plain JS, turned into a component by `jco componentize`
// (StarlingMonkey). Kept deliberately small: the point is the runtime, not the logic.
export function greet(name) {
  return `Hello, ${name}!`;
}

export function analyse(text) {
  const words = text.split(/\s+/).filter((w) => w.length > 0).length;
  return { words, chars: [...text].length, upper: text.toUpperCase() };
}

export function sum(xs) {
  if (xs.length === 0) throw 'empty list';
  return xs.reduce((a, b) => a + b, 0);
}

export function log(line) {
  console.log(line);
  return line.length;
}
