/* Ranking chart: one horizontal bar per unit (best at the top), drawn with the vendored Chart.js
   from the data the page carries in a json_script element. The same figures are in the table. */
(function () {
  "use strict";
  var source = document.getElementById("ranking-chart-data");
  var canvas = document.getElementById("ranking-chart");
  if (!source || !canvas || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "vi",
    {maximumFractionDigits: 4});

  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{label: data.label, data: data.values, backgroundColor: "#1f5fa8"}]
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: {display: false},
        tooltip: {callbacks: {label: function (item) {
          return data.label + ": " + numbers.format(item.parsed.x);
        }}}
      },
      scales: {x: {beginAtZero: true, ticks: {callback: function (value) {
        return numbers.format(value);
      }}}}
    }
  });
}());
